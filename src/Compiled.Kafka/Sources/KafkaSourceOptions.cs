using System.Text.RegularExpressions;
using Compiled.Sources.Files;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// Options of the Kafka source (Spark's Kafka source options). Exactly one of <see cref="Subscribe"/>,
/// <see cref="SubscribePattern"/> and <see cref="Assign"/> must be set.
/// </summary>
public sealed record KafkaSourceOptions
{
    /// <summary>The cluster's bootstrap servers, <c>host:port[,host:port…]</c>.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Topics to read, every partition of each (Spark's <c>subscribe</c>).</summary>
    public IReadOnlyList<string>? Subscribe { get; init; }

    /// <summary>A regular expression; every topic whose whole name matches is read (Spark's <c>subscribePattern</c>).</summary>
    public string? SubscribePattern { get; init; }

    /// <summary>Exactly these partitions (Spark's <c>assign</c>).</summary>
    public IReadOnlyList<TopicPartition>? Assign { get; init; }

    /// <summary>Where a new query starts; <see cref="KafkaStartingOffsets.Latest"/> by default, as in Spark.</summary>
    public KafkaStartingOffsets StartingOffsets { get; init; } = KafkaStartingOffsets.Latest;

    /// <summary>At most this many offsets per batch, split across partitions in proportion to their backlog.</summary>
    public long? MaxOffsetsPerTrigger { get; init; }

    /// <summary>
    /// A batch waits until at least this many offsets are available, or until <see cref="MaxTriggerDelay"/> passed
    /// since the last batch.
    /// </summary>
    public long? MinOffsetsPerTrigger { get; init; }

    /// <summary>Longest wait for <see cref="MinOffsetsPerTrigger"/> (default 15 minutes).</summary>
    public TimeSpan MaxTriggerDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When offsets the query still had to read were deleted (retention) or a partition disappeared: true (the
    /// default) fails the query with a <see cref="KafkaDataLossException"/>; false skips them and counts them in the
    /// <c>numOffsetsLost</c> progress metric.
    /// </summary>
    public bool FailOnDataLoss { get; init; } = true;

    /// <summary>
    /// A message whose key or value cannot be deserialised: <see cref="BadRecordPolicy.Fail"/> (default) fails the batch
    /// naming topic, partition and offset; <see cref="BadRecordPolicy.Skip"/> drops and counts it;
    /// <see cref="BadRecordPolicy.Redirect"/> copies it to <see cref="DeadLetterTopic"/>.
    /// </summary>
    public BadRecordPolicy BadRecords { get; init; } = BadRecordPolicy.Fail;

    /// <summary>The dead-letter topic of <see cref="BadRecordPolicy.Redirect"/>.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>
    /// Also commit each batch's end offsets to the consumer group <see cref="GroupId"/>, for monitoring tools only:
    /// the source always resumes from its checkpoint, never from the group.
    /// </summary>
    public bool CommitOffsetsToGroup { get; init; }

    /// <summary>The consumer group used for <see cref="CommitOffsetsToGroup"/>; <c>compiled-&lt;query name&gt;</c> when null.</summary>
    public string? GroupId { get; init; }

    /// <summary>
    /// Any librdkafka setting (<c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>, <c>isolation.level</c>, …), passed
    /// to the consumer and to the dead-letter producer. <c>group.id</c>, <c>enable.auto.commit</c>,
    /// <c>auto.offset.reset</c> and <c>bootstrap.servers</c> are options of their own and rejected here.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Longest wait for metadata, offset queries and for the messages of a planned range (default 60 s); exceeding it
    /// fails the batch naming what was awaited, instead of hanging.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Settings that have an option of their own.</summary>
    internal static readonly string[] ReservedSettings = ["bootstrap.servers", "group.id", "enable.auto.commit", "auto.offset.reset", "enable.auto.offset.store", "enable.partition.eof"];

    /// <summary>Checks the options; every message names the option at fault.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
            throw new ArgumentException("KafkaSourceOptions.BootstrapServers is required (host:port[,host:port…]).");
        int strategies = (Subscribe is not null ? 1 : 0) + (SubscribePattern is not null ? 1 : 0) + (Assign is not null ? 1 : 0);
        if (strategies != 1)
            throw new ArgumentException(
                $"KafkaSourceOptions: set exactly one of Subscribe, SubscribePattern and Assign ({strategies} are set).");
        if (Subscribe is { Count: 0 } || Subscribe?.Any(string.IsNullOrWhiteSpace) == true)
            throw new ArgumentException("KafkaSourceOptions.Subscribe must list at least one topic and no blank names.");
        if (Assign is { Count: 0 })
            throw new ArgumentException("KafkaSourceOptions.Assign must list at least one partition.");
        if (SubscribePattern is not null)
        {
            try
            {
                _ = new Regex(SubscribePattern);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"KafkaSourceOptions.SubscribePattern '{SubscribePattern}' is not a valid regular expression: {e.Message}", e);
            }
        }
        if (MaxOffsetsPerTrigger is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxOffsetsPerTrigger), MaxOffsetsPerTrigger, "KafkaSourceOptions.MaxOffsetsPerTrigger must be at least 1.");
        if (MinOffsetsPerTrigger is < 1)
            throw new ArgumentOutOfRangeException(nameof(MinOffsetsPerTrigger), MinOffsetsPerTrigger, "KafkaSourceOptions.MinOffsetsPerTrigger must be at least 1.");
        if (MinOffsetsPerTrigger > MaxOffsetsPerTrigger)
            throw new ArgumentException(
                $"KafkaSourceOptions.MinOffsetsPerTrigger ({MinOffsetsPerTrigger}) is larger than MaxOffsetsPerTrigger ({MaxOffsetsPerTrigger}).");
        if (MaxTriggerDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MaxTriggerDelay), MaxTriggerDelay, "KafkaSourceOptions.MaxTriggerDelay must be positive.");
        if (Timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "KafkaSourceOptions.Timeout must be positive.");
        if (BadRecords == BadRecordPolicy.Redirect && string.IsNullOrWhiteSpace(DeadLetterTopic))
            throw new ArgumentException("KafkaSourceOptions.BadRecords is Redirect but DeadLetterTopic is not set.");
        KafkaSettings.CheckNotReserved(Settings, ReservedSettings, "KafkaSourceOptions.Settings");
    }
}
