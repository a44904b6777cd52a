using System.Runtime.CompilerServices;
using Compiled.State;
using Compiled.State.Changelog;

namespace Compiled.Windows;

/// <summary>
/// The encoding of a window chunk: a varint entry count, then each entry's key part and accumulator. Without references
/// both take their compact form (<see cref="ChunkWriter.WriteKey{T}"/> and the accumulator's
/// <see cref="IWindowAccumulator{TSelf}.WriteCompact"/>); a part with references is an int32 length and its serializer's
/// bytes.
/// </summary>
/// <typeparam name="TKey">The other key parts.</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
internal sealed class ChunkCodec<TKey, TAcc>
    where TAcc : struct, IWindowAccumulator<TAcc>
{
    private static readonly bool s_keyCompact = !RuntimeHelpers.IsReferenceOrContainsReferences<TKey>();
    private static readonly bool s_accCompact = !RuntimeHelpers.IsReferenceOrContainsReferences<TAcc>();

    private readonly EntryCodec<TKey> _keys;
    private readonly EntryCodec<TAcc> _values;
    private readonly int _maxCompactBytes;

    /// <summary>A codec over the serializers of the parts that hold references (null for the others).</summary>
    public ChunkCodec(IStateSerializer<TKey>? keySerializer, IStateSerializer<TAcc>? accumulatorSerializer)
    {
        _keys = new EntryCodec<TKey>(keySerializer);
        _values = new EntryCodec<TAcc>(accumulatorSerializer);
        _maxCompactBytes = (s_keyCompact ? MaxKeyBytes() : 0) + (s_accCompact ? TAcc.MaxCompactBytes : 0);
    }

    /// <summary>Starts a chunk of <paramref name="count"/> entries in <paramref name="buffer"/>.</summary>
    public static void Begin(ChangelogBuffer buffer, int count)
    {
        var writer = new ChunkWriter(buffer.GetSpan(ChunkWriter.MaxVarintBytes));
        writer.WriteUnsigned((uint)count);
        buffer.Advance(writer.Written);
    }

    /// <summary>
    /// True when both the key parts and the accumulator take their compact form: whole runs of entries are then written
    /// through one <see cref="ChunkWriter"/> (<see cref="WriteCompact"/>), with no capacity check per entry.
    /// </summary>
    public static bool AllCompact => s_keyCompact && s_accCompact;

    /// <summary>The most bytes <see cref="WriteCompact"/> writes for one entry.</summary>
    public int MaxCompactBytes => _maxCompactBytes;

    /// <summary>Writes one entry when <see cref="AllCompact"/>; the writer must have <see cref="MaxCompactBytes"/> free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteCompact(ref ChunkWriter writer, in TKey key, in TAcc accumulator)
    {
        WriteKey(ref writer, in key);
        TAcc.WriteCompact(ref writer, in accumulator);
    }

    /// <summary>Appends one entry (entries that are <see cref="AllCompact"/> are written in runs through <see cref="WriteCompact"/>).</summary>
    public void Write(ChangelogBuffer buffer, in TKey key, in TAcc accumulator)
    {
        if (s_keyCompact)
        {
            var writer = new ChunkWriter(buffer.GetSpan(_maxCompactBytes));
            WriteKey(ref writer, in key);
            buffer.Advance(writer.Written);
        }
        else
        {
            _keys.Write(buffer, in key);
        }
        if (s_accCompact)
        {
            var writer = new ChunkWriter(buffer.GetSpan(_maxCompactBytes));
            TAcc.WriteCompact(ref writer, in accumulator);
            buffer.Advance(writer.Written);
        }
        else
        {
            _values.Write(buffer, in accumulator);
        }
    }

    /// <summary>Reads the entry count of a chunk.</summary>
    public static int ReadCount(ref ChunkReader reader) => (int)reader.ReadUInt32() is int count and >= 0
        ? count
        : throw new InvalidDataException("The chunk's entry count is negative.");

    /// <summary>Reads one entry written by <see cref="Write"/>.</summary>
    public void Read(ref ChunkReader reader, out TKey key, out TAcc accumulator)
    {
        if (s_keyCompact)
        {
            key = ReadKey(ref reader);
        }
        else
        {
            int offset = 0;
            key = _keys.Read(reader.Rest, ref offset);
            reader.Skip(offset);
        }
        if (s_accCompact)
        {
            accumulator = TAcc.ReadCompact(ref reader);
        }
        else
        {
            int offset = 0;
            accumulator = _values.Read(reader.Rest, ref offset);
            reader.Skip(offset);
        }
    }

    // The key without references as an unmanaged value; NoKey (the window alone) takes no bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteKey(ref ChunkWriter writer, in TKey key)
    {
        if (typeof(TKey) != typeof(NoKey)) writer.WriteKey(in key);
    }

    private static TKey ReadKey(ref ChunkReader reader) => typeof(TKey) == typeof(NoKey) ? default! : reader.ReadKey<TKey>();

    private static int MaxKeyBytes() => typeof(TKey) == typeof(NoKey) ? 0 : ChunkWriter.MaxKeyBytes<TKey>();
}
