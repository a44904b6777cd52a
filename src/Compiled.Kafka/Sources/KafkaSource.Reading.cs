using System.Diagnostics;
using System.Runtime.InteropServices;
using Compiled.Batches;
using Compiled.Plans;
using Compiled.Sources;
using Compiled.Sources.Files;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Compiled.Kafka;

/// <summary>Reading: the messages of a planned range, exactly.</summary>
public sealed partial class KafkaSource<T>
{
    /// <summary>How long one poll of the consumer waits before the read loop checks its deadline.</summary>
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot)
    {
        KafkaRowConsumer<T> consumer = EnsureOpen();
        KafkaOffsets from = start is null ? _initial ?? throw MissingInitialOffsets() : KafkaOffsets.Parse(start, Description);
        KafkaOffsets to = KafkaOffsets.Parse(end, Description);
        RowBuffer<T> rows = inputs.GetBuffer<T>(slot);
        int before = rows.Count;
        _offsetsLost = 0;
        _badRecordsSkipped = 0;
        _badRecordsRedirected = 0;

        // Rows are kept per partition and appended in partition order, so a replay yields the same rows in the same order
        // however the consumer interleaves partitions.
        var reads = new SortedDictionary<TopicPartition, PartitionRead>();
        foreach (var (partition, next) in to.Entries)
        {
            long begin = from.Get(partition) ?? 0;
            if (next > begin) reads.Add(partition, new PartitionRead(begin, next));
        }
        if (reads.Count == 0) return 0;
        var pending = new Dictionary<TopicPartition, PartitionRead>(reads);
        consumer.Assign(reads.Select(r => new TopicPartitionOffset(r.Key, r.Value.Next)));

        var clock = Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            if (clock.Elapsed > _options.Timeout) throw ReadTimeout(pending);
            Consumed<T> item = consumer.Consume(s_pollInterval);
            if (item.Kind == ConsumedKind.None) continue;
            if (item.Partition is null || !pending.TryGetValue(item.Partition, out PartitionRead? read))
            {
                if (item.Kind == ConsumedKind.OffsetOutOfRange && item.Partition is null) throw UnplacedOffsetLoss(item.Failure!);
                continue;
            }
            switch (item.Kind)
            {
                case ConsumedKind.Row:
                    if (item.Offset < read.Stop) read.Rows.Add(item.Row!);
                    read.Next = item.Offset + 1;
                    break;
                case ConsumedKind.EndOfPartition:
                    // Transaction markers and aborted messages occupy offsets no message arrives for: the end says we passed them.
                    read.Next = Math.Max(read.Next, item.Offset);
                    break;
                case ConsumedKind.BadRecord:
                    if (item.Offset < read.Stop) HandleBadRecord(item);
                    read.Next = item.Offset + 1;
                    break;
                case ConsumedKind.OffsetOutOfRange:
                    SkipLostOffsets(consumer, item.Partition, read, pending);
                    break;
            }
            if (read.Next >= read.Stop) pending.Remove(item.Partition);
        }
        _deadLetters?.Flush(_options.Timeout);
        foreach (PartitionRead read in reads.Values) rows.AddRange(CollectionsMarshal.AsSpan(read.Rows));
        return rows.Count - before;
    }

    /// <summary>The read of one partition in one batch: where it is, where it stops, and its rows.</summary>
    private sealed class PartitionRead(long begin, long stop)
    {
        public long Stop { get; } = stop;

        public long Next { get; set; } = begin;

        public List<T> Rows { get; } = [];
    }

    /// <summary>
    /// The partition's position was deleted: fail, or go on from the partition's earliest offset and count the gap. The
    /// partitions still pending are assigned again at their positions (librdkafka refuses a seek on a partition in error).
    /// </summary>
    private void SkipLostOffsets(KafkaRowConsumer<T> consumer, TopicPartition partition, PartitionRead read, Dictionary<TopicPartition, PartitionRead> pending)
    {
        long low = Watermarks(partition).Low.Value;
        long lostEnd = Math.Min(low, read.Stop);
        if (_options.FailOnDataLoss)
            throw new KafkaDataLossException(partition.Topic, partition.Partition.Value, read.Next, lostEnd,
                $"retention deleted them; the partition now starts at offset {low}");
        _offsetsLost += Math.Max(0, lostEnd - read.Next);
        _context!.Logger.LogWarning("{Source}: topic {Topic} partition {Partition} offsets {From} to {To} were deleted before they were read; skipping them (FailOnDataLoss is false).",
            Description, partition.Topic, partition.Partition.Value, read.Next, lostEnd - 1);
        read.Next = Math.Max(read.Next, lostEnd);
        if (read.Next >= read.Stop) pending.Remove(partition);
        consumer.Assign(pending.Select(p => new TopicPartitionOffset(p.Key, p.Value.Next)));
    }

    private void HandleBadRecord(Consumed<T> item)
    {
        ConsumeException failure = item.Failure!;
        string reason = failure.InnerException?.Message ?? failure.Error.Reason;
        switch (_options.BadRecords)
        {
            case BadRecordPolicy.Skip:
                _badRecordsSkipped++;
                return;
            case BadRecordPolicy.Redirect:
                _deadLetters!.Send(failure.ConsumerRecord, reason);
                _badRecordsRedirected++;
                return;
            default:
                throw new KafkaBadRecordException(item.Partition!.Topic, item.Partition.Partition.Value, item.Offset, reason, failure.InnerException ?? failure);
        }
    }

    private TimeoutException ReadTimeout(Dictionary<TopicPartition, PartitionRead> pending)
    {
        var missing = string.Join(", ", pending.Select(p =>
            $"topic '{p.Key.Topic}' partition {p.Key.Partition.Value} offsets {p.Value.Next} to {p.Value.Stop - 1}"));
        return new TimeoutException(
            $"{Description}: the planned messages did not all arrive within {_options.Timeout}: still missing {missing}. " +
            "Check that the brokers are reachable; with isolation.level=read_committed an open transaction on the input holds messages back until it ends.");
    }

    private InvalidOperationException MissingInitialOffsets() =>
        new($"{Description}: the checkpoint's first batch has no start offset, and '{InitialOffsetsFile}' is missing from '{_context!.CheckpointDirectory}'; the checkpoint was not written by this source.");

    private KafkaDataLossException UnplacedOffsetLoss(ConsumeException e) =>
        new("(unknown)", -1, 0, 0, $"the consumer reported '{e.Error.Reason}' without naming the partition");
}
