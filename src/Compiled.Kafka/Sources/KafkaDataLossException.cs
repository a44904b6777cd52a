namespace Compiled.Kafka;

/// <summary>
/// Offsets the query had not read yet are gone (retention deleted them, or the partition disappeared) while
/// <see cref="KafkaSourceOptions.FailOnDataLoss"/> is true.
/// </summary>
public sealed class KafkaDataLossException : Exception
{
    /// <summary>Creates the exception for offsets [<paramref name="fromOffset"/>, <paramref name="toOffset"/>) of a partition.</summary>
    public KafkaDataLossException(string topic, int partition, long fromOffset, long toOffset, string cause)
        : base($"Kafka topic '{topic}' partition {partition}: offsets {fromOffset} to {toOffset - 1} (inclusive) are no longer available ({cause}), " +
               "but the query has not read them. Data was lost; set KafkaSourceOptions.FailOnDataLoss = false to skip them and count them in the numOffsetsLost metric.")
    {
        Topic = topic;
        Partition = partition;
        FromOffset = fromOffset;
        ToOffset = toOffset;
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The partition.</summary>
    public int Partition { get; }

    /// <summary>First lost offset.</summary>
    public long FromOffset { get; }

    /// <summary>The offset after the last lost one.</summary>
    public long ToOffset { get; }
}
