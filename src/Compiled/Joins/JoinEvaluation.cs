namespace Compiled;

// Keys may be null types; a null key is skipped before it reaches a dictionary.
#pragma warning disable CS8714

/// <summary>Batch joins over every row, with Spark's rules: a null key never matches, outer rows get <c>default</c> for the missing side.</summary>
internal static class JoinEvaluation
{
    /// <summary>Every pair with equal, non-null keys that <paramref name="condition"/> accepts, plus the outer rows <paramref name="type"/> keeps.</summary>
    public static IEnumerable<TResult> Join<TLeft, TRight, TKey, TResult>(IEnumerable<TLeft> left, IEnumerable<TRight> right,
        Func<TLeft, TKey> leftKey, Func<TRight, TKey> rightKey, Func<TLeft, TRight, bool>? condition,
        Func<TLeft, TRight, TResult> result, JoinType type)
    {
        var rights = right.ToList();
        var rightMatched = new bool[rights.Count];
        var byKey = Index(rights, rightKey);
        var output = new List<TResult>();
        foreach (var l in left)
        {
            bool matched = false;
            var k = leftKey(l);
            if (k is not null && byKey.TryGetValue(k, out var candidates))
            {
                foreach (int i in candidates)
                {
                    if (condition is not null && !condition(l, rights[i])) continue;
                    matched = true;
                    rightMatched[i] = true;
                    output.Add(result(l, rights[i]));
                }
            }
            if (!matched && type is JoinType.LeftOuter or JoinType.FullOuter) output.Add(result(l, default!));
        }
        if (type is JoinType.RightOuter or JoinType.FullOuter)
        {
            for (int i = 0; i < rights.Count; i++)
            {
                if (!rightMatched[i]) output.Add(result(default!, rights[i]));
            }
        }
        return output;
    }

    /// <summary>The left rows with (<paramref name="keep"/>) or without a match.</summary>
    public static IEnumerable<TLeft> Semi<TLeft, TRight, TKey>(IEnumerable<TLeft> left, IEnumerable<TRight> right,
        Func<TLeft, TKey> leftKey, Func<TRight, TKey> rightKey, Func<TLeft, TRight, bool>? condition, bool keep)
    {
        var rights = right.ToList();
        var byKey = Index(rights, rightKey);
        foreach (var l in left)
        {
            var k = leftKey(l);
            bool matched = k is not null && byKey.TryGetValue(k, out var candidates)
                && candidates.Any(i => condition is null || condition(l, rights[i]));
            if (matched == keep) yield return l;
        }
    }

    /// <summary>The other side of a binary operator, which must be a logical plan too.</summary>
    public static LogicalStream<T> Logical<T>(IStream<T> other) =>
        other as LogicalStream<T>
        ?? throw new ArgumentException($"Stream '{other}' is not a logical plan; build both sides from {nameof(LogicalPlan)}.{nameof(LogicalPlan.Source)}.", nameof(other));

    private static Dictionary<TKey, List<int>> Index<TRight, TKey>(List<TRight> rows, Func<TRight, TKey> key)
    {
        var byKey = new Dictionary<TKey, List<int>>();
        for (int i = 0; i < rows.Count; i++)
        {
            var k = key(rows[i]);
            if (k is null) continue;
            if (!byKey.TryGetValue(k, out var list)) byKey[k] = list = [];
            list.Add(i);
        }
        return byKey;
    }
}
