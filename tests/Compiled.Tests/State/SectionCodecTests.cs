using System.Buffers.Binary;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;
using Compiled.State.Changelog;
using Compiled.State.Serializers;
using Compiled.Windows;
using Microsoft.Extensions.Logging.Abstractions;
using IntOps = Compiled.Tests.Aggregation.BatchTableTests.IntOps;

namespace Compiled.Tests.State;

/// <summary>
/// The encoding of an operator's records in a changelog frame: compact sections round-trip exactly, are several times
/// smaller than the raw records of format 1, sections in format 1 are still read, and a damaged section is refused
/// naming the segment and the batch.
/// </summary>
public sealed class SectionCodecTests
{
    [Fact]
    public void Compact_puts_of_unmanaged_keys_and_values_round_trip_including_the_extremes()
    {
        var codec = new SectionCodec<int, long>(null, null);
        var records = new List<(int Key, long Value)>
        {
            (0, 0), (1, -1), (-1, 1), (int.MaxValue, long.MaxValue), (int.MinValue, long.MinValue), (63, 64), (-64, -65), (100_000, 500),
        };
        var buffer = new ChangelogBuffer();
        SectionCodec<int, long>.Begin(buffer, SectionCodec<int, long>.CompactPuts);
        foreach ((int key, long value) in records) codec.WritePut(buffer, key, value);

        Assert.Equal(records.Select(r => (true, r.Key, r.Value)), ReadAll(codec, buffer.Written.ToArray(), records.Count));
    }

    [Fact]
    public void An_accumulator_is_written_in_the_compact_form_it_defines()
    {
        var codec = new SectionCodec<int, CountAndMax>(null, null);
        var records = Enumerable.Range(0, 1_000).Select(i => (Key: i - 500, Value: new CountAndMax { Count = i, Max = i * 0.5 })).ToList();
        var buffer = new ChangelogBuffer();
        SectionCodec<int, CountAndMax>.Begin(buffer, SectionCodec<int, CountAndMax>.CompactPuts);
        foreach ((int key, CountAndMax value) in records) codec.WritePut(buffer, key, value);

        Assert.Equal(records.Select(r => (true, r.Key, r.Value)), ReadAll(codec, buffer.Written.ToArray(), records.Count));
        // Keys and counts below 1,000 take 1-2 bytes each as varints, the double its 8: at most 12 a record, not 20 raw.
        Assert.InRange(buffer.Length, 1 + 1_000 * 9, 1 + 1_000 * 12);
    }

    [Fact]
    public void Compact_records_with_deletes_and_serialized_halves_round_trip()
    {
        var codec = new SectionCodec<string, long>(StateSerializers.Default<string>(), null);
        var records = new List<(bool Live, string Key, long Value)> { (true, "alpha", 3), (false, "beta", 0), (true, "", -7), (true, "ünïcode", long.MinValue) };
        var buffer = new ChangelogBuffer();
        SectionCodec<string, long>.Begin(buffer, SectionCodec<string, long>.CompactRecords);
        foreach ((bool live, string key, long value) in records) codec.WriteRecord(buffer, live, key, value);

        Assert.Equal(records, ReadAll(codec, buffer.Written.ToArray(), records.Count));
    }

    [Fact]
    public void A_section_in_format_1_is_read_record_by_record()
    {
        // Format 1, written by hand: a kind byte, the raw key, the raw value of a put.
        var legacy = new List<byte>();
        legacy.Add(ChangelogFrame.Put);
        legacy.AddRange(BitConverter.GetBytes(42));
        legacy.AddRange(BitConverter.GetBytes(1_000_000_000_000L));
        legacy.Add(ChangelogFrame.Delete);
        legacy.AddRange(BitConverter.GetBytes(-5));
        legacy.Add(ChangelogFrame.Put);
        legacy.AddRange(BitConverter.GetBytes(7));
        legacy.AddRange(BitConverter.GetBytes(-2L));

        var read = ReadAll(new SectionCodec<int, long>(null, null), legacy.ToArray(), 3);

        Assert.Equal([(true, 42, 1_000_000_000_000L), (false, -5, 0L), (true, 7, -2L)], read);
    }

    [Fact]
    public void A_section_with_bytes_after_its_last_record_or_fewer_records_than_it_claims_is_refused()
    {
        var codec = new SectionCodec<int, long>(null, null);
        var buffer = new ChangelogBuffer();
        SectionCodec<int, long>.Begin(buffer, SectionCodec<int, long>.CompactPuts);
        codec.WritePut(buffer, 300, 400);
        byte[] bytes = buffer.Written.ToArray();

        Assert.Contains("after its last record", Assert.Throws<InvalidDataException>(() => ReadAll(codec, [.. bytes, 0], 1)).Message, StringComparison.Ordinal);
        Assert.Contains("past the end", Assert.Throws<InvalidDataException>(() => ReadAll(codec, bytes, 2)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_durable_tables_frame_takes_a_few_bytes_a_group_where_format_1_took_13()
    {
        // W2a's shape: int keys up to 100,000 and counts of a few hundred.
        using var dir = new TempDirectory();
        using var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 100, null);
        var table = new AggregateTable<int, long, IntOps>("agg");
        Assert.Null(new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(table));
        table.BeginBatch();
        for (int key = 0; key < 100_000; key++) table.FindOrAdd(key, out _) = 300 + (key % 200);
        provider.Checkpoint(0);

        long frameBytes = Assert.Single(provider.CollectMetrics()).CustomMetrics["changelogBytes"];
        // Zigzag varints: keys take 1-3 bytes, values 2; format 1 took 1 + 4 + 8 = 13.
        Assert.InRange(frameBytes, 400_000, 600_000);
    }

    [Fact]
    public void A_checkpoint_whose_frames_are_in_format_1_recovers_exactly()
    {
        using var dir = new TempDirectory();
        var random = new Random(11);
        var expected = new Dictionary<int, long>();
        var changes = new List<List<(int Key, long Value)>>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 100, null))
        {
            var table = new AggregateTable<int, long, IntOps>("agg");
            Assert.Null(new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(table));
            for (long batch = 0; batch < 3; batch++)
            {
                table.BeginBatch();
                for (int row = 0; row < 300; row++)
                {
                    int key = random.Next(-400, 400);
                    table.FindOrAdd(key, out _) += key * 1_000_000_007L;
                    expected[key] = expected.GetValueOrDefault(key) + key * 1_000_000_007L;
                }

                changes.Add([.. Enumerable.Range(0, table.ChangedCount).Select(i => (table.ChangedAt(i).Key, table.ChangedAt(i).Value))]);
                provider.Checkpoint(batch);
            }
        }

        // Rewrite each frame's section as format 1 wrote it, from the changes the test recorded.
        RewriteSections(SegmentOf(dir), (batchId, _) =>
        {
            var legacy = new List<byte>();
            foreach ((int key, long value) in changes[(int)batchId])
            {
                legacy.Add(ChangelogFrame.Put);
                legacy.AddRange(BitConverter.GetBytes(key));
                legacy.AddRange(BitConverter.GetBytes(value));
            }

            return legacy.ToArray();
        });

        using var recovered = new ChangelogStateStoreProvider(dir.Path, 2, 64L << 20, snapshotInterval: 100, null);
        var again = new AggregateTable<int, long, IntOps>("agg");
        Assert.Null(new PlanContext(recovered, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(again));
        Assert.Equal(expected, Enumerable.Range(0, again.Count).ToDictionary(i => again.EntryAt(i).Key, i => again.EntryAt(i).Value));
    }

    [Theory]
    [InlineData("encoding", "The section has an unknown record encoding (9)")]
    [InlineData("truncated", "The chunk holds a varint that runs past the end")]
    public void A_damaged_section_in_a_resealed_frame_is_refused_naming_the_segment_and_the_batch(string damage, string message)
    {
        // Edited and resealed, so every checksum holds: the section's own checks must catch it.
        using var dir = new TempDirectory();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 100, null))
        {
            var table = new AggregateTable<int, long, IntOps>("agg");
            Assert.Null(new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(table));
            for (long batch = 0; batch < 3; batch++)
            {
                table.BeginBatch();
                for (int key = 0; key < 50; key++) table.FindOrAdd(key * 1000, out _) += 1000;
                provider.Checkpoint(batch);
            }
        }

        string segment = SegmentOf(dir);
        RewriteSections(segment, (batchId, records) => batchId != 1 ? records
            : damage == "encoding" ? [9, .. records.AsSpan(1)]
            : records[..^1]);

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, 2, 64L << 20, snapshotInterval: 100, null);
            new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(new AggregateTable<int, long, IntOps>("agg"));
        });
        Assert.StartsWith($"Changelog segment '{segment}', batch 1: {message}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An accumulator as the generator writes one: its integer field as a varint, the other raw.</summary>
    private record struct CountAndMax : IWindowAccumulator<CountAndMax>
    {
        public long Count;
        public double Max;

        static int IWindowAccumulator<CountAndMax>.MaxCompactBytes => 10 + sizeof(double);

        public static void Merge(ref CountAndMax into, in CountAndMax earlier)
        {
            into.Count += earlier.Count;
            into.Max = Math.Max(into.Max, earlier.Max);
        }

        static void IWindowAccumulator<CountAndMax>.WriteCompact(ref ChunkWriter writer, in CountAndMax value)
        {
            writer.WriteSigned(value.Count);
            writer.WriteRaw(value.Max);
        }

        static CountAndMax IWindowAccumulator<CountAndMax>.ReadCompact(ref ChunkReader reader) =>
            new() { Count = reader.ReadInt64(), Max = reader.ReadRaw<double>() };
    }

    private static List<(bool Live, TKey Key, TValue Value)> ReadAll<TKey, TValue>(SectionCodec<TKey, TValue> codec, byte[] records, int count)
    {
        var read = new List<(bool, TKey, TValue)>();
        var reader = codec.Open(records, count);
        while (reader.Next(out bool live, out TKey key, out TValue value)) read.Add((live, key, value));
        return read;
    }

    private static string SegmentOf(TempDirectory dir) => Directory.EnumerateFiles(Path.Combine(dir.Path, ChangelogFiles.DirectoryName)).Single();

    // Replaces the records of the (only) operator section of every frame with what edit returns, then reseals the frames:
    // lengths, checksums and the chain as the store would have written them.
    private static void RewriteSections(string segment, Func<long, byte[], byte[]> edit)
    {
        byte[] bytes = File.ReadAllBytes(segment);
        using var output = new MemoryStream();
        uint previous = 0;
        for (int offset = 0; offset < bytes.Length;)
        {
            var header = ChangelogFrame.ReadHeader(bytes.AsSpan(offset))!.Value;
            if (offset == 0) previous = header.PreviousCrc;
            byte[] payload = bytes.AsSpan(offset + ChangelogFrame.HeaderBytes, header.PayloadLength).ToArray();
            int headerLength = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(ChangelogFrame.PayloadPrefixBytes));
            // After the section header: row count (int64), record count (int32), records length (int32), records.
            int lengthAt = ChangelogFrame.PayloadPrefixBytes + sizeof(int) + headerLength + sizeof(long) + sizeof(int);
            byte[] records = edit(header.BatchId, payload[(lengthAt + sizeof(int))..]);
            byte[] frame = new byte[ChangelogFrame.HeaderBytes + lengthAt + sizeof(int) + records.Length];
            payload.AsSpan(0, lengthAt).CopyTo(frame.AsSpan(ChangelogFrame.HeaderBytes));
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(ChangelogFrame.HeaderBytes + lengthAt), records.Length);
            records.CopyTo(frame.AsSpan(ChangelogFrame.HeaderBytes + lengthAt + sizeof(int)));
            previous = ChangelogFrame.WriteHeader(frame, header.BatchId, previous);
            output.Write(frame);
            offset += ChangelogFrame.HeaderBytes + header.PayloadLength;
        }

        File.WriteAllBytes(segment, output.ToArray());
    }
}
