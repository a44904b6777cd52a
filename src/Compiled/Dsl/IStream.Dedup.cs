namespace Compiled;

/// <summary>Deduplication operators of a stream (Spark's dropDuplicates and dropDuplicatesWithinWatermark).</summary>
public partial interface IStream<T>
{
    /// <summary>
    /// Passes a row only the first time its <paramref name="key"/> is seen. The keys seen are kept in state for ever,
    /// unless the key holds the watermarked event-time member (<c>e =&gt; (e.Id, e.EventTime)</c>): then a key is
    /// evicted once the watermark passes its event time, and rows behind the watermark are dropped as late.
    /// </summary>
    /// <param name="key">The columns rows are compared by.</param>
    IStream<T> DropDuplicates<TKey>(Func<T, TKey> key);

    /// <summary>
    /// Passes a row only the first time its <paramref name="key"/> is seen within the watermark's delay (Spark 3.5's
    /// dropDuplicatesWithinWatermark): the key stays in state until the watermark passes the first row's event time
    /// plus the delay. Needs a <c>WithWatermark</c> before it (CQ1105); the key need not hold the event time.
    /// </summary>
    /// <param name="key">The columns rows are compared by.</param>
    IStream<T> DropDuplicatesWithinWatermark<TKey>(Func<T, TKey> key);
}
