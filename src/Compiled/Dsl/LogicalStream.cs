namespace Compiled;

/// <summary>A node of a logical plan: an <see cref="IStream{T}"/> that can evaluate itself over bounded inputs.</summary>
/// <remarks>Unsupported-on-streams operators are still evaluated (as a batch query would) so the analyzers, not the
/// reference, are what reject them.</remarks>
internal abstract partial class LogicalStream<T> : IStream<T>
{
    /// <summary>The rows of this node over all input rows.</summary>
    public abstract IEnumerable<T> Evaluate();

    /// <summary>The operator's name, e.g. <c>Filter</c>.</summary>
    protected abstract string Operator { get; }

    /// <summary>The node feeding this one, or null for a source.</summary>
    protected abstract object? Input { get; }

    // A batch query ignores watermarks (as Spark's does): every row counts.
    public IStream<T> WithWatermark(Func<T, DateTime> eventTime, TimeSpan delay, LateRows lateRows = LateRows.Drop) =>
        Watermark(eventTime);

    public IStream<T> WithWatermark(Func<T, DateTimeOffset> eventTime, TimeSpan delay, LateRows lateRows = LateRows.Drop) =>
        Watermark(eventTime);

    public IStream<T> WithWatermark(Func<T, long> eventTimeUnixMs, TimeSpan delay, LateRows lateRows = LateRows.Drop) =>
        Watermark(eventTimeUnixMs);

    private UnaryStream<T, T> Watermark(Delegate eventTime)
    {
        Check(eventTime);
        return new UnaryStream<T, T>(this, "Watermark", rows => rows);
    }

    public IStream<T> Where(Func<T, bool> predicate) =>
        new UnaryStream<T, T>(this, "Filter", rows => rows.Where(Check(predicate)));

    public IStream<TResult> Select<TResult>(Func<T, TResult> selector) =>
        new UnaryStream<T, TResult>(this, "Map", rows => rows.Select(Check(selector)));

    public IStream<TResult> SelectMany<TResult>(Func<T, IEnumerable<TResult>> selector) =>
        new UnaryStream<T, TResult>(this, "FlatMap", rows => rows.SelectMany(Check(selector)));

    public IGroupedStream<TKey, T> GroupBy<TKey>(Func<T, TKey> keySelector) => new GroupedStream<TKey, T>(this, Check(keySelector));

    public IGroupedStream<TKey, T> GroupByRollup<TKey>(Func<T, TKey> keySelector) =>
        throw new NotSupportedException("GroupByRollup is not supported on streams (CQ1303).");

    public IGroupedStream<TKey, T> GroupByCube<TKey>(Func<T, TKey> keySelector) =>
        throw new NotSupportedException("GroupByCube is not supported on streams (CQ1303).");

    public IStream<T> Distinct() => new UnaryStream<T, T>(this, "Distinct", rows => rows.Distinct());

    public IStream<T> OrderBy<TKey>(Func<T, TKey> keySelector) =>
        new UnaryStream<T, T>(this, "Sort", rows => rows.OrderBy(Check(keySelector), ReferenceOrder<TKey>.Instance));

    public IStream<T> OrderByDescending<TKey>(Func<T, TKey> keySelector) =>
        new UnaryStream<T, T>(this, "SortDescending", rows => rows.OrderByDescending(Check(keySelector), ReferenceOrder<TKey>.Instance));

    public IStream<T> Take(int count) => new UnaryStream<T, T>(this, "Limit", rows => rows.Take(count));

    public IStream<T> Skip(int count) => new UnaryStream<T, T>(this, "Offset", rows => rows.Skip(count));

    /// <summary>The plan from the source to this node, e.g. <c>Source(lines) -&gt; FlatMap -&gt; Aggregate</c>.</summary>
    public override string ToString() => Input is null ? Operator : Input + " -> " + Operator;

    private static TDelegate Check<TDelegate>(TDelegate function)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(function);
        return function;
    }
}
