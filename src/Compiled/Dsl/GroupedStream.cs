namespace Compiled;

/// <summary>A grouping waiting for its result selector.</summary>
internal sealed class GroupedStream<TKey, T>(LogicalStream<T> input, Func<T, TKey> keySelector) : IGroupedStream<TKey, T>
{
    public IStream<TResult> Select<TResult>(Func<IGroup<TKey, T>, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        // LINQ's GroupBy uses EqualityComparer<TKey>.Default and keeps first-seen key order, as the compiled table does.
        return new UnaryStream<T, TResult>(input, "Aggregate",
            rows => rows.GroupBy(keySelector).Select(g => selector(new ReferenceGroup<TKey, T>(g.Key, g.ToList()))));
    }

    public override string ToString() => input + " -> GroupBy";
}
