namespace Compiled.Joins;

/// <summary>
/// One buffered row of a stream-stream join, as the join's state store keeps it (one store for both sides, keyed by an
/// entry id): which side it came from, whether it has matched, its event time, its key and the row.
/// </summary>
/// <typeparam name="TKey">The join key.</typeparam>
/// <typeparam name="TLeft">The left row type.</typeparam>
/// <typeparam name="TRight">The right row type.</typeparam>
public struct JoinEntry<TKey, TLeft, TRight>
{
    /// <summary>True for a left row (<see cref="Left"/> is set), false for a right row.</summary>
    public bool IsLeft;

    /// <summary>True once a row of the other side matched it: an outer row is then not written with defaults.</summary>
    public bool Matched;

    /// <summary>The row's event time in Unix milliseconds (0 when the join has no time range).</summary>
    public long TimeMs;

    /// <summary>The row's join key.</summary>
    public TKey Key;

    /// <summary>The left row, for a left entry.</summary>
    public TLeft Left;

    /// <summary>The right row, for a right entry.</summary>
    public TRight Right;
}
