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
        Position(consumer, reads);
        foreach (var (partition, read) in reads)
        {
            TakeCarried(_cursors[partition], read);
            if (read.Next >= read.Stop) pending.Remove(partition);
        }

        // The partition whose rows are arriving, with its cursor and read (null when the batch has all it needs of it and
        // its rows are carried): a run of rows of one partition, the common case, takes or carries each row without the
        // two dictionary lookups. Reset whenever anything else happens. The deadline is checked off that path: a run is
        // bounded by the batch's range or by the carry limit.
        TopicPartition? run = null;
        KafkaPartitionCursor<T>? runCursor = null;
        PartitionRead? runRead = null;
        var clock = Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            Consumed<T> item = consumer.Consume(s_pollInterval);
            if (item.Kind == ConsumedKind.Row && ReferenceEquals(item.Partition, run) && item.Offset >= runCursor!.Position)
            {
                if (runRead is null)
                {
                    Carry(consumer, item, runCursor);
                    continue;
                }
                if (item.Offset < runRead.Stop)
                {
                    runCursor.Position = item.Offset + 1;
                    Take(item, runRead);
                    if (runRead.Next >= runRead.Stop)
                    {
                        pending.Remove(item.Partition!);
                        run = null;
                    }
                    continue;
                }
            }
            run = null;
            if (clock.Elapsed > _options.Timeout) throw ReadTimeout(pending);
            if (item.Kind == ConsumedKind.None) continue;
            if (item.Partition is null)
            {
                if (item.Kind == ConsumedKind.OffsetOutOfRange) throw UnplacedOffsetLoss(item.Failure!);
                continue;
            }
            if (!_cursors.TryGetValue(item.Partition, out KafkaPartitionCursor<T>? cursor)) continue;
            if (!pending.TryGetValue(item.Partition, out PartitionRead? read))
            {
                Carry(consumer, item, cursor);
                if (item.Kind == ConsumedKind.Row) (run, runCursor, runRead) = (item.Partition, cursor, null);
                continue;
            }
            switch (item.Kind)
            {
                case ConsumedKind.Row or ConsumedKind.BadRecord:
                    if (item.Offset < cursor.Position) break;
                    cursor.Position = item.Offset + 1;
                    if (item.Offset < read.Stop)
                    {
                        Take(item, read);
                        (run, runCursor, runRead) = (item.Partition, cursor, read);
                    }
                    else
                    {
                        cursor.Carried.Enqueue(item);
                        read.Next = read.Stop;
                    }
                    break;
                case ConsumedKind.EndOfPartition:
                    // Transaction markers and aborted messages occupy offsets no message arrives for: the end says we passed them.
                    cursor.Position = Math.Max(cursor.Position, item.Offset);
                    read.Next = Math.Max(read.Next, item.Offset);
                    break;
                case ConsumedKind.OffsetOutOfRange:
                    SkipLostOffsets(consumer, item.Partition, read, pending);
                    break;
            }
            if (read.Next >= read.Stop)
            {
                pending.Remove(item.Partition);
                run = null;
            }
        }
        _deadLetters?.Flush(_options.Timeout);
        foreach (var (partition, read) in reads)
        {
            // Everything before the batch's end was taken; what the consumer delivered after it is carried.
            if (_cursors.TryGetValue(partition, out KafkaPartitionCursor<T>? cursor)) cursor.Start = read.Stop;
            rows.AddRange(CollectionsMarshal.AsSpan(read.Rows));
        }
        return rows.Count - before;
    }

    /// <summary>
    /// Puts each partition to read at its start. Partitions stay assigned and fetching between batches; one whose next
    /// batch starts where the last one ended goes on with what was carried and prefetched. A seek or a new assignment
    /// makes librdkafka restart the partition's fetch, which takes up to <c>fetch.wait.max.ms</c>, so it is done only for
    /// a partition seen for the first time or read from elsewhere (a replay).
    /// </summary>
    private void Position(KafkaRowConsumer<T> consumer, SortedDictionary<TopicPartition, PartitionRead> reads)
    {
        bool fetching = _cursors.Count > 0;
        var assign = new List<TopicPartitionOffset>();
        var resume = new List<TopicPartition>();
        foreach (var (partition, read) in reads)
        {
            if (!_cursors.TryGetValue(partition, out KafkaPartitionCursor<T>? cursor))
            {
                assign.Add(new TopicPartitionOffset(partition, read.Next));
                _cursors[partition] = new KafkaPartitionCursor<T>(read.Next);
                continue;
            }
            if (cursor.Start != read.Next || (_earliest.TryGetValue(partition, out long earliest) && read.Next < earliest))
            {
                consumer.Seek(new TopicPartitionOffset(partition, read.Next));
                cursor.Reset(read.Next);
            }
            if (cursor.Paused)
            {
                resume.Add(partition);
                cursor.Paused = false;
            }
        }
        if (assign.Count > 0)
        {
            if (!fetching) LearnLeaders(consumer, assign);
            consumer.IncrementalAssign(assign);
        }
        if (resume.Count > 0) consumer.Resume(resume);
    }

    /// <summary>
    /// Loads the topics' metadata into the reading consumer before its first assignment. Assigned with no broker
    /// connection up, librdkafka skips its partition-leader query and retries it later, so the first fetch started up to
    /// a second after the assignment; a metadata request now connects and records the leaders. Done only while the
    /// consumer fetches nothing, so the request does not queue behind a long-poll fetch.
    /// </summary>
    private void LearnLeaders(KafkaRowConsumer<T> consumer, List<TopicPartitionOffset> assign)
    {
        using IAdminClient admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        foreach (string topic in assign.Select(static a => a.Topic).Distinct(StringComparer.Ordinal))
            admin.GetMetadata(topic, _options.Timeout);
    }

    /// <summary>Takes the carried items of the batch's range; when none is left, the read is at the consumer's position.</summary>
    private void TakeCarried(KafkaPartitionCursor<T> cursor, PartitionRead read)
    {
        while (cursor.Carried.TryPeek(out Consumed<T> item))
        {
            if (item.Offset >= read.Stop)
            {
                read.Next = read.Stop;
                return;
            }
            cursor.Carried.Dequeue();
            Take(item, read);
        }
        read.Next = Math.Max(read.Next, cursor.Position);
    }

    /// <summary>A row or bad record inside the batch's range.</summary>
    private void Take(Consumed<T> item, PartitionRead read)
    {
        if (item.Kind == ConsumedKind.Row) read.Rows.Add(item.Row!);
        else HandleBadRecord(item);
        read.Next = item.Offset + 1;
    }

    /// <summary>An item of a partition this batch does not (or no longer) read: kept for the next batch.</summary>
    private void Carry(KafkaRowConsumer<T> consumer, Consumed<T> item, KafkaPartitionCursor<T> cursor)
    {
        switch (item.Kind)
        {
            case ConsumedKind.Row or ConsumedKind.BadRecord when item.Offset >= cursor.Position:
                cursor.Carried.Enqueue(item);
                cursor.Position = item.Offset + 1;
                if (cursor.Carried.Count >= KafkaPartitionCursor<T>.CarryLimit && !cursor.Paused)
                {
                    consumer.Pause([item.Partition!]);
                    cursor.Paused = true;
                }
                break;
            case ConsumedKind.EndOfPartition:
                cursor.Position = Math.Max(cursor.Position, item.Offset);
                break;
            case ConsumedKind.OffsetOutOfRange:
                // Found while reading ahead: the batch that reads the partition assigns it again and reports the loss.
                consumer.IncrementalUnassign([item.Partition!]);
                _cursors.Remove(item.Partition!);
                break;
        }
    }

    /// <summary>The read of one partition in one batch: where it is, where it stops, and its rows.</summary>
    private sealed class PartitionRead(long begin, long stop)
    {
        public long Stop { get; } = stop;

        public long Next { get; set; } = begin;

        public List<T> Rows { get; } = [];
    }

    /// <summary>
    /// The partition's position was deleted: fail, or go on from the partition's earliest offset and count the gap.
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
        // librdkafka refuses to seek a partition in error: assign it again at its new position.
        consumer.IncrementalUnassign([partition]);
        _cursors.Remove(partition);
        if (read.Next >= read.Stop)
        {
            pending.Remove(partition);
            return;
        }
        consumer.IncrementalAssign([new TopicPartitionOffset(partition, read.Next)]);
        _cursors[partition] = new KafkaPartitionCursor<T>(read.Next);
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
