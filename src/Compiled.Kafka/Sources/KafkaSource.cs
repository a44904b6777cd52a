using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Compiled.Sources;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Compiled.Kafka;

/// <summary>
/// Reads Kafka topics as a replayable source (Spark's direct approach): each batch's offset range is planned from
/// the brokers' offsets and logged in the checkpoint (<c>offsets/N</c>), and reading a range reads exactly those
/// offsets, again after a restart. The consumer group's committed offsets are never consulted.
/// </summary>
/// <remarks>
/// <para>The position is <c>{"topic":{"partition":nextOffset,…}}</c>. A batch reads, for every partition, the offsets
/// from its start position (0 for a partition the start does not name) up to its end position. The initial
/// position of a new query is resolved once and kept under the source's checkpoint directory, so a replayed first
/// batch reads the same range even with <see cref="KafkaStartingOffsets.Latest"/>.</para>
/// <para>Created by <c>Source.Kafka</c> and <c>Source.KafkaRecords</c>. Not thread-safe: the engine calls it from the
/// query's batch thread.</para>
/// </remarks>
public sealed partial class KafkaSource<T> : ISource<T>, ISourceMetrics
{
    private const string InitialOffsetsFile = "initial-offsets.json";

    private readonly KafkaSourceOptions _options;
    private readonly Func<ConsumerConfig, KafkaRowConsumer<T>> _createConsumer;
    private readonly Regex? _pattern;

    private SourceContext? _context;
    private KafkaRowConsumer<T>? _consumer;
    private KafkaRowConsumer<T>? _offsetsClient;
    private IAdminClient? _admin;
    private KafkaDeadLetters? _deadLetters;
    private KafkaOffsets? _initial;
    private KafkaOffsets? _availableNow;
    private long _lastBatchPlannedMs;

    /// <summary>The assigned partitions, where the consumer stands in each and what it delivered past the last batch.</summary>
    private readonly Dictionary<TopicPartition, KafkaPartitionCursor<T>> _cursors = [];

    /// <summary>
    /// Each partition's earliest offset when the last batch was planned: a batch that starts below it reads from the
    /// broker, not from what the consumer fetched before retention deleted it, so the loss is reported as on a restart.
    /// </summary>
    private readonly Dictionary<TopicPartition, long> _earliest = [];

    private List<TopicPartition>? _discovered;
    private long _discoveredAt;

    private long _offsetsLost;
    private long _offsetsRemaining;
    private long _badRecordsSkipped;
    private long _badRecordsRedirected;

    internal KafkaSource(KafkaSourceOptions options, Func<ConsumerConfig, KafkaRowConsumer<T>> createConsumer)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _createConsumer = createConsumer;
        _pattern = options.SubscribePattern is null ? null : new Regex("^(?:" + options.SubscribePattern + ")$", RegexOptions.CultureInvariant);
        Description = "KafkaSource[" + (options.Subscribe is not null ? string.Join(",", options.Subscribe)
            : options.SubscribePattern is not null ? "pattern " + options.SubscribePattern
            : string.Join(",", options.Assign!.Select(p => p.Topic + "-" + p.Partition.Value.ToString(CultureInfo.InvariantCulture)))) + "]";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The options in force.</summary>
    public KafkaSourceOptions Options => _options;

    /// <inheritdoc />
    public void Open(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        string groupId = _options.GroupId ?? "compiled-" + context.QueryName;
        var config = KafkaSettings.Build(DefaultConsumerConfig(), _options.BootstrapServers, _options.Settings, new Dictionary<string, string>
        {
            ["group.id"] = groupId,
            ["enable.auto.commit"] = "false",
            ["enable.auto.offset.store"] = "false",
            ["enable.partition.eof"] = "true",
            // A position that retention deleted must surface as data loss, never be silently moved.
            ["auto.offset.reset"] = "error",
        });
        _consumer = _createConsumer(config);
        // Metadata and offset lookups go through a client of their own: on the reading consumer's connections they would
        // queue behind its long-poll fetch, which the broker holds for up to fetch.wait.max.ms at the end of a partition.
        _offsetsClient = _createConsumer(config);
        _admin = new DependentAdminClientBuilder(_offsetsClient.Handle).Build();
        if (_options.BadRecords == Sources.Files.BadRecordPolicy.Redirect)
            _deadLetters = new KafkaDeadLetters(_options, Description);
        _initial = LoadInitialOffsets();
        _lastBatchPlannedMs = context.Clock.UtcNowMs;
        context.Logger.LogDebug("{Source} opened for query {Query} (group {Group} for monitoring only).", Description, context.QueryName, groupId);
    }

    /// <inheritdoc />
    public void Commit(SourceOffset end)
    {
        if (!_options.CommitOffsetsToGroup) return;
        var offsets = KafkaOffsets.Parse(end, Description);
        try
        {
            EnsureOpen().Commit(offsets.Entries.Select(e => new TopicPartitionOffset(e.Key, e.Value)));
        }
        catch (KafkaException e)
        {
            // Monitoring only: the checkpoint holds the truth, so a failed group commit must not fail the query.
            _context!.Logger.LogWarning("{Source}: committing offsets to the consumer group failed: {Reason}", Description, e.Error.Reason);
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> GetMetrics() => new Dictionary<string, string>
    {
        ["numOffsetsLost"] = _offsetsLost.ToString(CultureInfo.InvariantCulture),
        ["numBadRecordsSkipped"] = _badRecordsSkipped.ToString(CultureInfo.InvariantCulture),
        ["numBadRecordsRedirected"] = _badRecordsRedirected.ToString(CultureInfo.InvariantCulture),
        ["numOffsetsRemaining"] = _offsetsRemaining.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Defaults that the user's settings may override. A batch drains its planned range at once, faster than librdkafka
    /// refills its queue: after the queue passed <c>queued.min.messages</c>, librdkafka's default one-second
    /// <c>fetch.queue.backoff.ms</c> left a read waiting with nothing delivered for up to that second.
    /// <c>queued.min.messages</c> is 10,000 per partition instead of 100,000: librdkafka allocates a message for everything
    /// it prefetches, and a heap that large keeps faulting in fresh pages; reading 220,671 messages from brokers in
    /// another process took 0.60-0.68 us of CPU per message instead of 0.73-0.75, at the same speed.
    /// </summary>
    private static ConsumerConfig DefaultConsumerConfig()
    {
        var config = new ConsumerConfig();
        config.Set("fetch.queue.backoff.ms", "10");
        config.Set("queued.min.messages", "10000");
        return config;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _admin?.Dispose();
        _offsetsClient?.Dispose();
        _consumer?.Dispose();
        _deadLetters?.Dispose();
        _admin = null;
        _offsetsClient = null;
        _consumer = null;
        _deadLetters = null;
    }

    private KafkaRowConsumer<T> EnsureOpen() =>
        _consumer ?? throw new InvalidOperationException($"{Description} has not been opened; the engine calls Open before planning or reading.");

    private KafkaRowConsumer<T> OffsetsClient() =>
        _offsetsClient ?? throw new InvalidOperationException($"{Description} has not been opened; the engine calls Open before planning or reading.");

    /// <summary>The partitions to read now: the assigned ones, or those of the subscribed topics or matching topics.</summary>
    private List<TopicPartition> DiscoverPartitions()
    {
        if (_options.Assign is not null) return [.. _options.Assign];
        if (_discovered is not null && Stopwatch.GetElapsedTime(_discoveredAt) < _options.PartitionDiscoveryInterval) return _discovered;
        Metadata metadata;
        try
        {
            metadata = _options.Subscribe is { Count: 1 }
                ? _admin!.GetMetadata(_options.Subscribe[0], _options.Timeout)
                : _admin!.GetMetadata(_options.Timeout);
        }
        catch (KafkaException e)
        {
            throw new KafkaException(new Error(e.Error.Code,
                $"{Description}: reading the cluster's metadata from {_options.BootstrapServers} failed within {_options.Timeout}: {e.Error.Reason}"), e);
        }
        var partitions = new List<TopicPartition>();
        foreach (TopicMetadata topic in metadata.Topics)
        {
            // A subscribed topic that does not exist yet has no partitions; it is picked up once it does.
            if (topic.Error.IsError || !IsWanted(topic.Topic)) continue;
            foreach (PartitionMetadata partition in topic.Partitions) partitions.Add(new TopicPartition(topic.Topic, partition.PartitionId));
        }
        partitions.Sort();
        _discovered = partitions;
        _discoveredAt = Stopwatch.GetTimestamp();
        return partitions;
    }

    private bool IsWanted(string topic) =>
        _pattern is not null ? _pattern.IsMatch(topic) : _options.Subscribe!.Contains(topic, StringComparer.Ordinal);

    private WatermarkOffsets Watermarks(TopicPartition partition)
    {
        try
        {
            return OffsetsClient().QueryWatermarkOffsets(partition, _options.Timeout);
        }
        catch (KafkaException e)
        {
            throw new KafkaException(new Error(e.Error.Code,
                $"{Description}: querying the offsets of topic '{partition.Topic}' partition {partition.Partition.Value} failed within {_options.Timeout}: {e.Error.Reason}"), e);
        }
    }
}
