namespace Compiled.Kafka;

/// <summary>A Kafka message whose key or value could not be deserialised while <c>BadRecordPolicy.Fail</c> is in force.</summary>
public sealed class KafkaBadRecordException : Exception
{
    /// <summary>Creates the exception for the message at <paramref name="offset"/> of a partition.</summary>
    public KafkaBadRecordException(string topic, int partition, long offset, string reason, Exception? inner = null)
        : base($"Bad record in Kafka topic '{topic}' partition {partition} at offset {offset}: {reason}. " +
               "Set KafkaSourceOptions.BadRecords to Skip, or to Redirect with a DeadLetterTopic, to continue past bad records.", inner)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The partition.</summary>
    public int Partition { get; }

    /// <summary>The message's offset.</summary>
    public long Offset { get; }
}
