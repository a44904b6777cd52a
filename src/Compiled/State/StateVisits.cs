namespace Compiled.State;

/// <summary>The error every store raises for the one write a visitor may not make: adding a key during a visit.</summary>
internal static class StateVisits
{
    /// <summary>A visitor of <paramref name="operatorId"/>'s state tried to add a key.</summary>
    public static InvalidOperationException AddDuringVisit(string operatorId) =>
        new($"The state of operator '{operatorId}' is being visited (ForEach), and a visitor may replace or remove " +
            "keys but not add one: collect the new keys and add them after the visit.");

    /// <summary>
    /// <paramref name="operatorId"/> wrote <paramref name="key"/> as live (<paramref name="claimedLive"/>) or absent, and
    /// the store knows otherwise: the operator's own bookkeeping of its keys is wrong.
    /// </summary>
    public static InvalidOperationException WrongPresence(string operatorId, object key, bool claimedLive) =>
        new($"Operator '{operatorId}' wrote state key '{key}' as {(claimedLive ? "live" : "absent")}, but the store " +
            $"{(claimedLive ? "does not hold it" : "already holds it")}: the operator's record of its keys differs from its state.");
}
