namespace Compiled.Kafka;

/// <summary>
/// Where the source's consumer stands in one assigned partition between batches, and the items it delivered past the
/// end of the last batch. The consumer is never paused at a batch's end: pausing and resuming a partition makes
/// librdkafka drop what it prefetched and fetch again, after its outstanding long-poll fetch returns (up to
/// <c>fetch.wait.max.ms</c>, 500 ms, per batch). Items that arrive past a batch's end are kept here for the next one.
/// </summary>
/// <typeparam name="T">The source's row type.</typeparam>
internal sealed class KafkaPartitionCursor<T>
{
    /// <summary>
    /// Carried items beyond which a partition is paused until a batch needs it: bounds memory when one partition runs
    /// far ahead of the others within a batch.
    /// </summary>
    public const int CarryLimit = 100_000;

    /// <summary>Starts a cursor at <paramref name="offset"/>, where the consumer was just placed.</summary>
    public KafkaPartitionCursor(long offset) => Reset(offset);

    /// <summary>Every message at or after this offset and before <see cref="Position"/> is in <see cref="Carried"/>.</summary>
    public long Start { get; set; }

    /// <summary>The next offset the consumer delivers: after the last message, or the end of partition it reported.</summary>
    public long Position { get; set; }

    /// <summary>True when the partition is paused because <see cref="Carried"/> reached <see cref="CarryLimit"/>.</summary>
    public bool Paused { get; set; }

    /// <summary>Rows and bad records delivered at or after <see cref="Start"/>, in offset order.</summary>
    public Queue<Consumed<T>> Carried { get; } = new();

    /// <summary>Forgets what was carried: the consumer was moved to <paramref name="offset"/>.</summary>
    public void Reset(long offset)
    {
        Start = offset;
        Position = offset;
        Carried.Clear();
    }
}
