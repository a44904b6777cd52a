using System.Text;
using Compiled.IO;
using Compiled.Sources;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Compiled.Kafka;

/// <summary>Planning: the end position of the next batch.</summary>
public sealed partial class KafkaSource<T>
{
    /// <inheritdoc />
    public SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit)
    {
        EnsureOpen();
        List<TopicPartition> partitions = DiscoverPartitions();
        KafkaOffsets from = start is null ? ResolveInitialOffsets(partitions) : KafkaOffsets.Parse(start, Description);

        // Every partition the start names stays in the end, so its position is never forgotten.
        var end = new KafkaOffsets(from);
        long available = 0;
        var backlog = new List<(TopicPartition Partition, long Begin, long Latest)>();
        foreach (TopicPartition partition in partitions)
        {
            long begin = from.Get(partition) ?? 0;
            long latest;
            if (_availableNow is { } frozen)
            {
                latest = frozen.Get(partition) ?? begin;
            }
            else
            {
                WatermarkOffsets marks = Watermarks(partition);
                latest = marks.High.Value;
                _earliest[partition] = marks.Low.Value;
            }
            if (latest < begin)
            {
                // The partition holds fewer offsets than the query already read: the topic was deleted and created again.
                if (_options.FailOnDataLoss)
                    throw new KafkaDataLossException(partition.Topic, partition.Partition.Value, latest, begin,
                        $"the partition now ends at offset {latest}, before the query's position {begin}: the topic was probably deleted and recreated");
                _context!.Logger.LogWarning("{Source}: topic {Topic} partition {Partition} ends at {Latest}, before the query's position {Begin}; reading on from {Latest}.",
                    Description, partition.Topic, partition.Partition.Value, latest, begin, latest);
                end.Set(partition, latest);
                continue;
            }
            end.Set(partition, begin);
            if (latest > begin)
            {
                backlog.Add((partition, begin, latest));
                available += latest - begin;
            }
        }
        _offsetsRemaining = available;
        if (available == 0) return start;

        if (!limit.IgnorePerTriggerLimits && _options.MinOffsetsPerTrigger is long min && available < min
            && _context!.Clock.UtcNowMs - _lastBatchPlannedMs < (long)_options.MaxTriggerDelay.TotalMilliseconds)
        {
            return start;
        }
        long? max = limit.IgnorePerTriggerLimits ? null : _options.MaxOffsetsPerTrigger;
        foreach (var (partition, begin, latest) in backlog)
        {
            long partitionEnd = max is long cap && available > cap ? ProratedEnd(begin, latest, cap, available) : latest;
            end.Set(partition, partitionEnd);
            _offsetsRemaining -= partitionEnd - begin;
        }

        _lastBatchPlannedMs = _context!.Clock.UtcNowMs;
        SourceOffset result = end.ToSourceOffset();
        return result == start ? start : result;
    }

    /// <inheritdoc />
    public void PrepareForAvailableNow()
    {
        EnsureOpen();
        var frozen = new KafkaOffsets();
        foreach (TopicPartition partition in DiscoverPartitions()) frozen.Set(partition, Watermarks(partition).High.Value);
        _availableNow = frozen;
    }

    /// <summary>
    /// Spark's split of <c>maxOffsetsPerTrigger</c>: each partition gets its share of the cap in proportion to its backlog,
    /// rounded down, except that a share below one offset is rounded up so a small partition is never starved.
    /// </summary>
    internal static long ProratedEnd(long begin, long latest, long cap, long available)
    {
        double share = cap * ((double)(latest - begin) / available);
        long take = share < 1 ? (long)Math.Ceiling(share) : (long)Math.Floor(share);
        return Math.Min(latest, begin + take);
    }

    /// <summary>The starting position of a new query: read from the source's checkpoint directory, or resolved now and written there.</summary>
    private KafkaOffsets ResolveInitialOffsets(List<TopicPartition> partitions)
    {
        if (_initial is not null) return _initial;
        var initial = new KafkaOffsets();
        var byTime = new List<TopicPartitionTimestamp>();
        foreach (TopicPartition partition in partitions)
        {
            switch (_options.StartingOffsets)
            {
                case KafkaStartingOffsets.EarliestOffsets:
                    initial.Set(partition, Watermarks(partition).Low.Value);
                    break;
                case KafkaStartingOffsets.LatestOffsets:
                    initial.Set(partition, Watermarks(partition).High.Value);
                    break;
                case KafkaStartingOffsets.SpecificOffsets specific:
                    long offset = specific.Offsets.TryGetValue(partition, out long given) ? given : KafkaStartingOffsets.EarliestOffset;
                    initial.Set(partition, offset switch
                    {
                        KafkaStartingOffsets.EarliestOffset => Watermarks(partition).Low.Value,
                        KafkaStartingOffsets.LatestOffset => Watermarks(partition).High.Value,
                        _ => offset,
                    });
                    break;
                case KafkaStartingOffsets.TimestampOffsets timestamps:
                    DateTimeOffset? at = timestamps.All ?? (timestamps.PerPartition!.TryGetValue(partition, out var t) ? t : null);
                    if (at is DateTimeOffset time) byTime.Add(new TopicPartitionTimestamp(partition, new Timestamp(time)));
                    else initial.Set(partition, Watermarks(partition).Low.Value);
                    break;
            }
        }
        if (byTime.Count > 0)
        {
            List<TopicPartitionOffset> found;
            try
            {
                found = OffsetsClient().OffsetsForTimes(byTime, _options.Timeout);
            }
            catch (KafkaException e)
            {
                throw new KafkaException(new Error(e.Error.Code, $"{Description}: resolving the starting timestamps failed within {_options.Timeout}: {e.Error.Reason}"), e);
            }
            // No message at or after the timestamp: start at the end, as Kafka's offsetsForTimes answers.
            foreach (TopicPartitionOffset at in found)
                initial.Set(at.TopicPartition, at.Offset.Value >= 0 ? at.Offset.Value : Watermarks(at.TopicPartition).High.Value);
        }
        WriteInitialOffsets(initial);
        _initial = initial;
        return initial;
    }

    private KafkaOffsets? LoadInitialOffsets()
    {
        string path = Path.Combine(_context!.CheckpointDirectory, InitialOffsetsFile);
        if (!File.Exists(path)) return null;
        return KafkaOffsets.Parse(new SourceOffset(File.ReadAllText(path, Encoding.UTF8)), $"{Description} ({path})");
    }

    private void WriteInitialOffsets(KafkaOffsets initial)
    {
        DurableFile.CreateDirectory(_context!.CheckpointDirectory);
        DurableFile.WriteAllText(Path.Combine(_context.CheckpointDirectory, InitialOffsetsFile), initial.ToJson());
        _context.Logger.LogInformation("{Source}: a new query starts at {Offsets}.", Description, initial.ToJson());
    }
}
