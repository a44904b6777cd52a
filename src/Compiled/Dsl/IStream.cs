namespace Compiled;

/// <summary>
/// An unbounded stream of rows of type <typeparamref name="T"/> in a query definition. The generator reads
/// the chain of calls at build time; at run time the same calls build a logical plan that a reference
/// interpreter can evaluate (the oracle of differential tests).
/// </summary>
public partial interface IStream<T>
{
    /// <summary>
    /// Declares <paramref name="eventTime"/> as this input's event time: its watermark is the largest event time seen minus
    /// <paramref name="delay"/>, rows at or behind it are late, and windowed state behind it is emitted and evicted.
    /// </summary>
    /// <param name="eventTime">The row's event time; must be a member of the row.</param>
    /// <param name="delay">How late a row may arrive and still count.</param>
    /// <param name="lateRows">Drop late rows (default, as Spark) or route them to a late-row sink parameter of <c>Start</c>.</param>
    IStream<T> WithWatermark(Func<T, DateTime> eventTime, TimeSpan delay, LateRows lateRows = LateRows.Drop);

    /// <inheritdoc cref="WithWatermark(Func{T, DateTime}, TimeSpan, LateRows)"/>
    IStream<T> WithWatermark(Func<T, DateTimeOffset> eventTime, TimeSpan delay, LateRows lateRows = LateRows.Drop);

    /// <inheritdoc cref="WithWatermark(Func{T, DateTime}, TimeSpan, LateRows)"/>
    /// <param name="eventTimeUnixMs">The row's event time in Unix milliseconds; must be a member of the row.</param>
    /// <param name="delay">How late a row may arrive and still count.</param>
    /// <param name="lateRows">Drop late rows (default, as Spark) or route them to a late-row sink parameter of <c>Start</c>.</param>
    IStream<T> WithWatermark(Func<T, long> eventTimeUnixMs, TimeSpan delay, LateRows lateRows = LateRows.Drop);

    /// <summary>Keeps the rows for which <paramref name="predicate"/> is true.</summary>
    IStream<T> Where(Func<T, bool> predicate);

    /// <summary>Maps each row.</summary>
    IStream<TResult> Select<TResult>(Func<T, TResult> selector);

    /// <summary>Maps each row to zero or more rows.</summary>
    IStream<TResult> SelectMany<TResult>(Func<T, IEnumerable<TResult>> selector);

    /// <summary>Groups rows by key for aggregation; follow with <c>Select(g =&gt; …)</c>.</summary>
    IGroupedStream<TKey, T> GroupBy<TKey>(Func<T, TKey> keySelector);

    /// <summary>Grouping sets over the key's parts (not supported on streams: CQ1303).</summary>
    IGroupedStream<TKey, T> GroupByRollup<TKey>(Func<T, TKey> keySelector);

    /// <summary>All combinations of the key's parts (not supported on streams: CQ1303).</summary>
    IGroupedStream<TKey, T> GroupByCube<TKey>(Func<T, TKey> keySelector);

    /// <summary>Drops repeated rows (stateful; keeps every row seen without a watermark).</summary>
    IStream<T> Distinct();

    /// <summary>Sorts (only after an aggregation in Complete mode: CQ1301).</summary>
    IStream<T> OrderBy<TKey>(Func<T, TKey> keySelector);

    /// <summary>Sorts descending (only after an aggregation in Complete mode: CQ1301).</summary>
    IStream<T> OrderByDescending<TKey>(Func<T, TKey> keySelector);

    /// <summary>The first <paramref name="count"/> rows (not in Update mode: CQ1302).</summary>
    IStream<T> Take(int count);

    /// <summary>Skips rows (never supported on streams: CQ1302).</summary>
    IStream<T> Skip(int count);

    /// <summary>
    /// Joins each row with the rows of <paramref name="table"/> whose key equals its own (a stream-static join, which keeps
    /// no state). <see cref="JoinType.LeftOuter"/> also writes a row without a match, once, with <c>default</c> for the
    /// table row; right and full outer joins with a static right side are not supported (CQ1202, CQ1203).
    /// </summary>
    /// <param name="table">The static table.</param>
    /// <param name="key">The stream row's join key.</param>
    /// <param name="tableKey">The table row's join key; rows with a null key never match, as in Spark.</param>
    /// <param name="result">The joined row.</param>
    /// <param name="type">Inner (default) or left outer.</param>
    IStream<TResult> Join<TRight, TKey, TResult>(StaticTable<TRight> table, Func<T, TKey> key, Func<TRight, TKey> tableKey,
        Func<T, TRight, TResult> result, JoinType type = JoinType.Inner);

    /// <summary>
    /// Joins with another stream on equal keys (a stream-stream join, Append mode only: CQ1006). Both sides are kept in
    /// state; an event-time range <paramref name="condition"/> such as
    /// <c>(i, c) =&gt; c.Time &gt;= i.Time &amp;&amp; c.Time &lt;= i.Time + TimeSpan.FromMinutes(15)</c> over watermarked
    /// inputs lets the watermark evict it, and is required for outer joins (CQ1201). An outer row without a match is
    /// written once, with <c>default</c> for the other side, when no later row can match it any more.
    /// </summary>
    /// <param name="right">The other stream.</param>
    /// <param name="leftKey">This stream's join key.</param>
    /// <param name="rightKey">The other stream's join key.</param>
    /// <param name="result">The joined row.</param>
    /// <param name="type">Inner (default), left, right or full outer.</param>
    /// <param name="condition">A further condition on each pair; its event-time range bounds the state.</param>
    IStream<TResult> Join<TRight, TKey, TResult>(IStream<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey,
        Func<T, TRight, TResult> result, JoinType type = JoinType.Inner, Func<T, TRight, bool>? condition = null);

    /// <summary>The rows that have at least one row with an equal key in <paramref name="table"/> (left semi join).</summary>
    IStream<T> SemiJoin<TRight, TKey>(StaticTable<TRight> table, Func<T, TKey> key, Func<TRight, TKey> tableKey);

    /// <summary>
    /// The rows that have at least one match in the other stream, each written once, at its first match (stream-stream
    /// left semi join: needs a watermark on <paramref name="right"/> and a time-range <paramref name="condition"/>, CQ1201).
    /// </summary>
    IStream<T> SemiJoin<TRight, TKey>(IStream<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey,
        Func<T, TRight, bool>? condition = null);

    /// <summary>The rows that have no row with an equal key in <paramref name="table"/> (left anti join).</summary>
    IStream<T> AntiJoin<TRight, TKey>(StaticTable<TRight> table, Func<T, TKey> key, Func<TRight, TKey> tableKey);

    /// <summary>Rows without a match in another stream (never supported on streams: CQ1204).</summary>
    IStream<T> AntiJoin<TRight, TKey>(IStream<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey);

    /// <summary>The rows of both streams (not compiled yet: CQ0003).</summary>
    IStream<T> Union(IStream<T> other);

    /// <summary>The stream's rows and a static table's (never supported: CQ1305).</summary>
    IStream<T> Union(StaticTable<T> table);

    /// <summary>Rows present in both (never supported on streams: CQ1305).</summary>
    IStream<T> Intersect(IStream<T> other);

    /// <summary>Rows also in the table (never supported on streams: CQ1305).</summary>
    IStream<T> Intersect(StaticTable<T> table);

    /// <summary>Rows not in the other stream (never supported with a streaming right side: CQ1305).</summary>
    IStream<T> Except(IStream<T> other);
}

/// <summary>A stream grouped by key; <see cref="Select{TResult}"/> computes aggregates per group.</summary>
public partial interface IGroupedStream<TKey, T>
{
    /// <summary>One result row per group, built from the group's key and aggregates.</summary>
    IStream<TResult> Select<TResult>(Func<IGroup<TKey, T>, TResult> selector);
}

/// <summary>One group inside an aggregation's <c>Select</c>: its key and aggregate functions over its rows.</summary>
public interface IGroup<TKey, T>
{
    /// <summary>The group's key.</summary>
    TKey Key { get; }

    /// <summary>Number of rows.</summary>
    int Count();

    /// <summary>Number of rows matching <paramref name="predicate"/>.</summary>
    int Count(Func<T, bool> predicate);

    /// <summary>Number of rows, as a long.</summary>
    long LongCount();

    /// <summary>Number of rows matching <paramref name="predicate"/>, as a long.</summary>
    long LongCount(Func<T, bool> predicate);

    /// <summary>Number of distinct values (not supported on streams: CQ1303).</summary>
    long CountDistinct<TValue>(Func<T, TValue> selector);

    /// <summary>Sum, widened to long as Spark does for integer columns.</summary>
    long Sum(Func<T, int> selector);

    /// <summary>Sum.</summary>
    long Sum(Func<T, long> selector);

    /// <summary>Sum.</summary>
    double Sum(Func<T, double> selector);

    /// <summary>Sum.</summary>
    decimal Sum(Func<T, decimal> selector);

    /// <summary>Smallest value.</summary>
    TValue Min<TValue>(Func<T, TValue> selector);

    /// <summary>Largest value.</summary>
    TValue Max<TValue>(Func<T, TValue> selector);

    /// <summary>Mean.</summary>
    double Average(Func<T, int> selector);

    /// <summary>Mean.</summary>
    double Average(Func<T, long> selector);

    /// <summary>Mean.</summary>
    double Average(Func<T, double> selector);

    /// <summary>Mean.</summary>
    decimal Average(Func<T, decimal> selector);
}
