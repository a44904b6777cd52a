using Compiled.Plans;
using Compiled.State.Changelog;
using Compiled.State.Serializers;
using Compiled.Tests.Aggregation;
using Compiled.Tests.TestSupport;
using Compiled.Windows;
using Microsoft.Extensions.Logging.Abstractions;
using static Compiled.Tests.EventTime.KeyedWindowPlan;

namespace Compiled.Tests.EventTime;

/// <summary>
/// The compact encoding of window chunks: entries at the limits of every integer type read back exactly, W2's entries
/// take about four bytes, and a damaged chunk is refused on recovery with the operator, window and chunk at fault.
/// </summary>
public sealed class WindowChunkCodecTests
{
    [Fact]
    public void Entries_at_the_limits_of_every_field_type_round_trip_exactly()
    {
        var random = new Random(17);
        var entries = new List<(long Key, LimitsState Acc)>();
        for (int i = 0; i < 3000; i++) entries.Add((Pick(random, long.MinValue, long.MaxValue), LimitsState.Random(random)));

        Assert.Equal(entries, RoundTrip(new ChunkCodec<long, LimitsState>(null, null), entries));
    }

    [Fact]
    public void Keys_of_every_integer_type_round_trip_exactly()
    {
        var random = new Random(23);
        var acc = new CountState { Count = 1 };
        Check(r => (int)Pick(r, int.MinValue, int.MaxValue));
        Check(r => Pick(r, long.MinValue, long.MaxValue));
        Check(r => (short)Pick(r, short.MinValue, short.MaxValue));
        Check(r => (uint)Pick(r, uint.MinValue, uint.MaxValue));
        Check(r => unchecked((ulong)Pick(r, long.MinValue, long.MaxValue)));
        Check(r => (ushort)Pick(r, ushort.MinValue, ushort.MaxValue));
        Check(r => (char)Pick(r, char.MinValue, char.MaxValue));
        // Types without a compact form are written raw.
        Check(r => (Pick(r, int.MinValue, int.MaxValue), r.NextDouble()));
        Check(r => new DateTime(Pick(r, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc));

        void Check<T>(Func<Random, T> pick)
            where T : notnull
        {
            var keyed = Keys(random, pick);
            Assert.Equal(keyed, RoundTrip(new ChunkCodec<T, CountState>(null, null), keyed));
        }

        List<(T, CountState)> Keys<T>(Random r, Func<Random, T> pick)
        {
            var list = new List<(T, CountState)>();
            for (int i = 0; i < 500; i++) list.Add((pick(r), acc));
            return list;
        }
    }

    [Fact]
    public void String_keys_no_key_and_raw_accumulators_round_trip_exactly()
    {
        var random = new Random(29);
        var stringKeyed = new List<(string, TotalState)>();
        var windowOnly = new List<(NoKey, LimitsState)>();
        for (int i = 0; i < 500; i++)
        {
            stringKeyed.Add((i % 7 == 0 ? string.Empty : "k\u00e9" + Pick(random, long.MinValue, long.MaxValue), new TotalState
            {
                Sum = Pick(random, long.MinValue, long.MaxValue), Count = Pick(random, long.MinValue, long.MaxValue), Max = (int)Pick(random, int.MinValue, int.MaxValue),
            }));
            windowOnly.Add((default, LimitsState.Random(random)));
        }

        Assert.Equal(stringKeyed, RoundTrip(new ChunkCodec<string, TotalState>(StateSerializers.Default<string>(), null), stringKeyed));
        Assert.Equal(windowOnly, RoundTrip(new ChunkCodec<NoKey, LimitsState>(null, null), windowOnly));
    }

    [Fact]
    public void W2_entries_take_at_most_four_bytes_each()
    {
        // W2: an int key below 100,000 and a count of about one per (window, key); the fixed-width form took twelve bytes.
        var random = new Random(31);
        var entries = new List<(int, CountState)>();
        for (int i = 0; i < 1000; i++) entries.Add((random.Next(100_000), new CountState { Count = 1 + random.Next(2) }));
        var buffer = new ChangelogBuffer();
        Encode(new ChunkCodec<int, CountState>(null, null), buffer, entries);

        Assert.InRange(buffer.Length, 1000, 2 + 4 * 1000);
    }

    [Fact]
    public void A_chunk_larger_than_one_write_span_recovers_exactly()
    {
        // 50,000 keys in one window: the encoder moves on to fresh spans of the buffer many times within the chunk.
        using var dir = new TempDirectory();
        var random = new Random(41);
        var expected = new List<(long, int, long)>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 256L << 20, snapshotInterval: 1000, null))
        {
            var windows = Open(provider);
            for (int key = 0; key < 50_000; key++)
            {
                long count = Pick(random, long.MinValue, long.MaxValue);
                windows.Accumulate(60_000, key - 25_000, out _).Count = count;
                expected.Add((60_000, key - 25_000, count));
            }
            var ignored = new ListEmitter([]);
            windows.Apply(long.MinValue, ref ignored);
            provider.Checkpoint(0);
        }

        using var recovered = new ChangelogStateStoreProvider(dir.Path, 0, 256L << 20, snapshotInterval: 1000, null);
        var emitted = new List<(long, int, long)>();
        var emitter = new ListEmitter(emitted);
        Open(recovered).Apply(long.MinValue, ref emitter);
        Assert.Equal(expected, emitted);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("trailing")]
    [InlineData("count")]
    [InlineData("overlong")]
    public void A_damaged_chunk_is_refused_on_recovery_naming_operator_window_and_chunk(string damage)
    {
        using var dir = new TempDirectory();
        byte[] good = Encode(SampleEntries());
        byte[] bad = damage switch
        {
            "truncated" => good[..^1],
            "trailing" => [.. good, 0],
            // One entry more than the chunk holds: the reader runs past the end.
            "count" => [(byte)(good[0] + 1), .. good[1..]],
            // The first key's varint made longer than an int's.
            _ => [good[0], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, .. good[1..]],
        };
        WriteChunks(dir.Path, (new WindowKey<long>(0, 60_000, 3), good), (new WindowKey<long>(60_000, 120_000, 4), bad));

        using var recovered = new ChangelogStateStoreProvider(dir.Path, 0, 64L << 20, snapshotInterval: 3, null);
        var error = Assert.Throws<InvalidDataException>(() => Open(recovered));
        Assert.Contains("window operator 'aggregate0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("chunk 4 of window [60000, 120000)", error.Message, StringComparison.Ordinal);
        Assert.Contains("start from a new checkpoint location", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_undamaged_chunk_of_the_refusal_test_recovers_exactly()
    {
        using var dir = new TempDirectory();
        var entries = SampleEntries();
        WriteChunks(dir.Path, (new WindowKey<long>(60_000, 120_000, 4), Encode(entries)));

        using var recovered = new ChangelogStateStoreProvider(dir.Path, 0, 64L << 20, snapshotInterval: 3, null);
        var windows = Open(recovered);
        var emitted = new List<(long, int, long)>();
        var emitter = new ListEmitter(emitted);
        windows.Apply(long.MinValue, ref emitter);
        Assert.Equal(entries.Select(e => (60_000L, e.Item1, e.Item2.Count)), emitted);
    }

    private static List<(int, CountState)> SampleEntries()
    {
        var entries = new List<(int, CountState)>();
        for (int i = 0; i < 40; i++) entries.Add((i * 1000 - 7000, new CountState { Count = i + 1 }));
        return entries;
    }

    private static byte[] Encode(List<(int, CountState)> entries)
    {
        var buffer = new ChangelogBuffer();
        Encode(new ChunkCodec<int, CountState>(null, null), buffer, entries);
        return buffer.Written.ToArray();
    }

    // Writes chunks straight into the operator's store as batch 0, as a checkpoint would hold them.
    private static void WriteChunks(string directory, params (WindowKey<long> Key, byte[] Bytes)[] chunks)
    {
        using var provider = new ChangelogStateStoreProvider(directory, null, 64L << 20, snapshotInterval: 3, null);
        var store = new PlanContext(provider, NullLogger.Instance).GetStateStore<WindowKey<long>, WindowChunk>("aggregate0", null, WindowChunk.Serializer.Instance);
        foreach ((WindowKey<long> key, byte[] bytes) in chunks) store.Put(key, new WindowChunk(bytes, bytes.Length));
        provider.Checkpoint(0);
    }

    private static TumblingWindowAggregation<int, CountState, BatchTableTests.IntOps> Open(ChangelogStateStoreProvider provider) =>
        new(new PlanContext(provider, NullLogger.Instance), "aggregate0", OutputMode.Complete, TimeSpan.FromMinutes(1));

    private static List<(TKey, TAcc)> RoundTrip<TKey, TAcc>(ChunkCodec<TKey, TAcc> codec, List<(TKey, TAcc)> entries)
        where TAcc : struct, IWindowAccumulator<TAcc>
    {
        var buffer = new ChangelogBuffer();
        Encode(codec, buffer, entries);
        var reader = new ChunkReader(buffer.Written);
        int count = ChunkCodec<TKey, TAcc>.ReadCount(ref reader);
        var read = new List<(TKey, TAcc)>();
        for (int i = 0; i < count; i++)
        {
            codec.Read(ref reader, out TKey key, out TAcc acc);
            read.Add((key, acc));
        }
        Assert.Equal(0, reader.Remaining);
        return read;
    }

    private static void Encode<TKey, TAcc>(ChunkCodec<TKey, TAcc> codec, ChangelogBuffer buffer, List<(TKey, TAcc)> entries)
        where TAcc : struct, IWindowAccumulator<TAcc>
    {
        ChunkCodec<TKey, TAcc>.Begin(buffer, entries.Count);
        foreach ((TKey key, TAcc acc) in entries) codec.Write(buffer, in key, in acc);
    }

    // A value of [min, max]: one of the limits and their neighbours, a varint length boundary, or any value.
    private static long Pick(Random random, long min, long max)
    {
        long[] edges = [min, max, 0, 1, -1, 63, -64, 64, -65, 127, 128, 16_383, 16_384, min + 1, max - 1];
        if (random.Next(3) == 0) return random.NextInt64(min, max) + random.Next(2);
        long edge = edges[random.Next(edges.Length)];
        return edge < min || edge > max ? min : edge;
    }

    /// <summary>An accumulator with a field of each integer type and some without a compact form, written as the generator writes them.</summary>
    private struct LimitsState : IWindowAccumulator<LimitsState>
    {
        public long L;
        public int I;
        public short S;
        public sbyte B;
        public ulong UL;
        public uint UI;
        public ushort US;
        public byte UB;
        public char C;
        public double D;
        public decimal M;

        public static LimitsState Random(Random r) => new()
        {
            L = Pick(r, long.MinValue, long.MaxValue),
            I = (int)Pick(r, int.MinValue, int.MaxValue),
            S = (short)Pick(r, short.MinValue, short.MaxValue),
            B = (sbyte)Pick(r, sbyte.MinValue, sbyte.MaxValue),
            UL = unchecked((ulong)Pick(r, long.MinValue, long.MaxValue)),
            UI = (uint)Pick(r, uint.MinValue, uint.MaxValue),
            US = (ushort)Pick(r, ushort.MinValue, ushort.MaxValue),
            UB = (byte)Pick(r, byte.MinValue, byte.MaxValue),
            C = (char)Pick(r, char.MinValue, char.MaxValue),
            D = r.Next(4) switch { 0 => double.NaN, 1 => double.MinValue, 2 => -0.0, _ => r.NextDouble() },
            M = r.Next(3) switch { 0 => decimal.MinValue, 1 => decimal.MaxValue, _ => (decimal)r.NextDouble() },
        };

        public static void Merge(ref LimitsState into, in LimitsState earlier) => into.L += earlier.L;

        static int IWindowAccumulator<LimitsState>.MaxCompactBytes => 10 + 5 + 3 + 2 + 10 + 5 + 3 + 2 + 3 + sizeof(double) + sizeof(decimal);

        static void IWindowAccumulator<LimitsState>.WriteCompact(ref ChunkWriter writer, in LimitsState value)
        {
            writer.WriteSigned(value.L);
            writer.WriteSigned(value.I);
            writer.WriteSigned(value.S);
            writer.WriteSigned(value.B);
            writer.WriteUnsigned(value.UL);
            writer.WriteUnsigned(value.UI);
            writer.WriteUnsigned(value.US);
            writer.WriteUnsigned(value.UB);
            writer.WriteUnsigned(value.C);
            writer.WriteRaw(value.D);
            writer.WriteRaw(value.M);
        }

        static LimitsState IWindowAccumulator<LimitsState>.ReadCompact(ref ChunkReader reader)
        {
            var value = default(LimitsState);
            value.L = reader.ReadInt64();
            value.I = reader.ReadInt32();
            value.S = reader.ReadInt16();
            value.B = reader.ReadSByte();
            value.UL = reader.ReadUInt64();
            value.UI = reader.ReadUInt32();
            value.US = reader.ReadUInt16();
            value.UB = reader.ReadByte();
            value.C = reader.ReadChar();
            value.D = reader.ReadRaw<double>();
            value.M = reader.ReadRaw<decimal>();
            return value;
        }
    }

    /// <summary>W2's accumulator: one count, a varint.</summary>
    private struct CountState : IWindowAccumulator<CountState>
    {
        public long Count;

        public static void Merge(ref CountState into, in CountState earlier) => into.Count += earlier.Count;

        static int IWindowAccumulator<CountState>.MaxCompactBytes => 10;

        static void IWindowAccumulator<CountState>.WriteCompact(ref ChunkWriter writer, in CountState value) => writer.WriteSigned(value.Count);

        static CountState IWindowAccumulator<CountState>.ReadCompact(ref ChunkReader reader) => new() { Count = reader.ReadInt64() };
    }

    private readonly struct ListEmitter(List<(long, int, long)> rows) : IWindowEmitter<int, CountState>
    {
        public void Emit(in WindowKey<int> window, in CountState accumulator) => rows.Add((window.StartMs, window.Key, accumulator.Count));
    }
}
