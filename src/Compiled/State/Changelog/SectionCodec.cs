using System.Runtime.CompilerServices;
using Compiled.Windows;

namespace Compiled.State.Changelog;

/// <summary>
/// How an operator's records are written into its section of a changelog frame, shared by
/// <see cref="ChangelogStore{TKey, TValue}"/> and <see cref="TableChangelogStore{TKey, TStoreKey, TValue, TKeyOps}"/> so
/// either recovers the other's frames.
/// </summary>
/// <remarks>
/// <para>A section written now starts with an encoding byte: <see cref="CompactPuts"/> (every record a put: key, value) or
/// <see cref="CompactRecords"/> (each record a kind byte, key and, for a put, value). A key or value without references
/// takes the compact form of the window chunks: a generated accumulator's own (<see cref="CompactValueForm{T}"/>: its
/// integer fields as varints), else <see cref="ChunkWriter.WriteKey{T}"/> (integers as zigzag or plain varints, other
/// types raw); one with references an int32 length and its serializer's bytes. W2a's groups (an int key and a count)
/// take about 5 bytes instead of 13, and the frame is what every batch must make durable.</para>
/// <para>Sections of checkpoints written before (format 1) have no encoding byte: their first byte is the first
/// record's kind (0 or 1), and every record is a kind byte with raw key and value bytes. They are still read.</para>
/// </remarks>
/// <typeparam name="TKey">The key as the store sees it.</typeparam>
/// <typeparam name="TValue">The value.</typeparam>
internal sealed class SectionCodec<TKey, TValue>
{
    /// <summary>Encoding byte of a section whose records are all puts, key and value in their compact form.</summary>
    public const byte CompactPuts = 2;

    /// <summary>Encoding byte of a section whose records are a kind byte, the compact key and, for a put, the compact value.</summary>
    public const byte CompactRecords = 3;

    private static readonly bool s_keyCompact = !RuntimeHelpers.IsReferenceOrContainsReferences<TKey>();
    private static readonly bool s_valueCompact = !RuntimeHelpers.IsReferenceOrContainsReferences<TValue>();
    // A kind byte and the largest compact key and value.
    private static readonly int s_maxCompactBytes = 1 + (s_keyCompact ? MaxCompactBytes<TKey>() : 0) + (s_valueCompact ? MaxCompactBytes<TValue>() : 0);

    private readonly EntryCodec<TKey> _keys;
    private readonly EntryCodec<TValue> _values;

    /// <summary>A codec over the serializers of the halves that hold references (null for the others).</summary>
    public SectionCodec(IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
    {
        _keys = new EntryCodec<TKey>(keySerializer);
        _values = new EntryCodec<TValue>(valueSerializer);
    }

    /// <summary>Starts the records of a section with <paramref name="encoding"/> (<see cref="CompactPuts"/> or <see cref="CompactRecords"/>).</summary>
    public static void Begin(ChangelogBuffer frame, byte encoding) => frame.WriteRaw(encoding);

    /// <summary>Appends a put to a <see cref="CompactPuts"/> section.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WritePut(ChangelogBuffer frame, in TKey key, in TValue value)
    {
        if (s_keyCompact && s_valueCompact)
        {
            // The common case (W2a's int key and count): one capacity check for the record.
            var writer = new ChunkWriter(frame.GetSpan(s_maxCompactBytes));
            WriteCompact(ref writer, in key);
            WriteCompact(ref writer, in value);
            frame.Advance(writer.Written);
            return;
        }

        WritePart(frame, _keys, in key);
        WritePart(frame, _values, in value);
    }

    /// <summary>Appends a put (<paramref name="live"/>) or a delete of <paramref name="key"/> to a <see cref="CompactRecords"/> section.</summary>
    public void WriteRecord(ChangelogBuffer frame, bool live, in TKey key, in TValue value)
    {
        frame.WriteRaw(live ? ChangelogFrame.Put : ChangelogFrame.Delete);
        WritePart(frame, _keys, in key);
        if (live) WritePart(frame, _values, in value);
    }

    /// <summary>A reader of the <paramref name="recordCount"/> records of a section in any encoding.</summary>
    public Reader Open(ReadOnlySpan<byte> records, int recordCount) => new(this, records, recordCount);

    // A key or value: compact without references, else through its codec (int32 length and the serializer's bytes).
    private static void WritePart<T>(ChangelogBuffer frame, EntryCodec<T> codec, in T part)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            codec.Write(frame, in part);
            return;
        }

        var writer = new ChunkWriter(frame.GetSpan(s_maxCompactBytes));
        WriteCompact(ref writer, in part);
        frame.Advance(writer.Written);
    }

    // The compact form of a part without references: the one its type defines (a generated accumulator's integer fields
    // as varints), else integers as varints and other types raw.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteCompact<T>(ref ChunkWriter writer, in T part)
    {
        if (CompactValueForm<T>.Instance is { } form) form.Write(ref writer, in part);
        else writer.WriteKey(in part);
    }

    private static T ReadCompact<T>(ref ChunkReader reader) =>
        CompactValueForm<T>.Instance is { } form ? form.Read(ref reader) : reader.ReadKey<T>();

    private static int MaxCompactBytes<T>() => CompactValueForm<T>.Instance?.MaxBytes ?? ChunkWriter.MaxKeyBytes<T>();

    /// <summary>
    /// Reads a section's records one after another. Every read is bounds-checked: a section that ends early, holds an
    /// unknown encoding or kind, or has bytes left after its last record throws <see cref="InvalidDataException"/>, which
    /// the provider reports with the segment and the batch.
    /// </summary>
    public ref struct Reader
    {
        private readonly SectionCodec<TKey, TValue> _codec;
        private readonly bool _compact;
        private readonly bool _allPuts;
        private ChunkReader _reader;
        private int _left;

        internal Reader(SectionCodec<TKey, TValue> codec, ReadOnlySpan<byte> records, int recordCount)
        {
            _codec = codec;
            _left = recordCount;
            _reader = new ChunkReader(records);
            byte first = records.IsEmpty ? ChangelogFrame.Put : records[0];
            switch (first)
            {
                case ChangelogFrame.Put or ChangelogFrame.Delete:
                    // Format 1: no encoding byte, raw records.
                    break;
                case CompactPuts or CompactRecords:
                    _compact = true;
                    _allPuts = first == CompactPuts;
                    _reader.Skip(1);
                    break;
                default:
                    throw new InvalidDataException(
                        $"The section has an unknown record encoding ({first}): it was written by a newer version of Compiled. " +
                        "Run that version, or start from a new checkpoint location.");
            }
        }

        /// <summary>Reads the next record; returns false after the last, once every byte of the section was read.</summary>
        public bool Next(out bool live, out TKey key, out TValue value)
        {
            if (_left == 0)
            {
                if (_reader.Remaining != 0) throw new InvalidDataException($"The section holds {_reader.Remaining} bytes after its last record.");
                live = false;
                key = default!;
                value = default!;
                return false;
            }

            _left--;
            live = _allPuts || ReadKind();
            key = ReadPart(ref _reader, _codec._keys, _compact);
            value = live ? ReadPart(ref _reader, _codec._values, _compact) : default!;
            return true;
        }

        private bool ReadKind()
        {
            byte kind = _reader.ReadRaw<byte>();
            return kind switch
            {
                ChangelogFrame.Put => true,
                ChangelogFrame.Delete => false,
                _ => throw new InvalidDataException($"The section holds a record of unknown kind {kind} at byte {_reader.Position - 1}."),
            };
        }

        private static T ReadPart<T>(ref ChunkReader reader, EntryCodec<T> codec, bool compact)
        {
            if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                return compact ? ReadCompact<T>(ref reader) : reader.ReadRaw<T>();
            }

            int offset = 0;
            T part = codec.Read(reader.Rest, ref offset);
            reader.Skip(offset);
            return part;
        }
    }
}
