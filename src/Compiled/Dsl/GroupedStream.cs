namespace Compiled;

/// <summary>A grouping waiting for its result selector.</summary>
internal sealed partial class GroupedStream<TKey, T>(LogicalStream<T> input, Func<T, TKey> keySelector) : IGroupedStream<TKey, T>
{
    public IStream<TResult> Select<TResult>(Func<IGroup<TKey, T>, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        // Groups by EqualityComparer<TKey>.Default in first-seen key order, as the compiled table does; sliding and session
        // windows in the key are expanded and merged as a batch query would.
        return new UnaryStream<T, TResult>(input, "Aggregate",
            rows => WindowEvaluation.GroupBy(rows, keySelector).Select(g => selector(new ReferenceGroup<TKey, T>(g.Key, g.Rows))));
    }

    public override string ToString() => input + " -> GroupBy";
}
