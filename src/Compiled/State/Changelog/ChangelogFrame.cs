using System.Buffers.Binary;
using System.Text;
using Compiled.State.Faster;

namespace Compiled.State.Changelog;

/// <summary>
/// One batch's record in the changelog, which is also state version N's manifest: the base it builds on, and every
/// operator's changed keys and row count.
/// </summary>
/// <remarks>
/// Layout: a 32-byte header (magic, format, batch id, payload length, payload CRC, the previous frame's payload CRC,
/// header CRC), then the payload: base batch id (-1: none) and the CRC of that base's manifest, the operator count,
/// and per operator its id, row count, record count, section length and records (kind byte 1 = put key value,
/// 0 = delete key). The previous-frame CRC chains the frames, so a segment replaced by an older copy is caught.
/// </remarks>
/// <param name="BatchId">The batch the frame records.</param>
/// <param name="BaseBatchId">The newest durable base when the frame was written; -1 when there was none.</param>
/// <param name="BaseManifestCrc">CRC-32C of that base's manifest file.</param>
/// <param name="PayloadCrc">CRC-32C of the payload, the link the next frame names.</param>
/// <param name="Segment">The segment file holding the frame.</param>
/// <param name="Offset">Where the frame starts in the segment.</param>
/// <param name="Length">Header and payload bytes.</param>
internal sealed record ChangelogFrame(long BatchId, long BaseBatchId, uint BaseManifestCrc, uint PayloadCrc, string Segment, long Offset, int Length)
{
    /// <summary>Bytes of the header.</summary>
    public const int HeaderBytes = 32;

    /// <summary>Payload bytes before the first operator section.</summary>
    public const int PayloadPrefixBytes = sizeof(long) + sizeof(uint) + sizeof(int);

    /// <summary>"CLG1" little-endian.</summary>
    public const uint Magic = 0x31474C43;

    /// <summary>The only format so far.</summary>
    public const int Format = 1;

    /// <summary>Record kind of a deleted key.</summary>
    public const byte Delete = 0;

    /// <summary>Record kind of a key with its new value.</summary>
    public const byte Put = 1;

    /// <summary>The bytes an operator's section of a frame starts with: its id and its state schema.</summary>
    public static byte[] SectionHeader(string operatorId, StateSchema schema) => Encoding.UTF8.GetBytes(operatorId + "\n" + schema);

    /// <summary>Fills the header of a frame whose payload follows it in <paramref name="frame"/>.</summary>
    public static uint WriteHeader(Span<byte> frame, long batchId, uint previousPayloadCrc)
    {
        ReadOnlySpan<byte> payload = frame[HeaderBytes..];
        uint payloadCrc = Crc32C.Compute(payload);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(frame[4..], Format);
        BinaryPrimitives.WriteInt64LittleEndian(frame[8..], batchId);
        BinaryPrimitives.WriteInt32LittleEndian(frame[16..], payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[20..], payloadCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[24..], previousPayloadCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[28..], Crc32C.Compute(frame[..28]));
        return payloadCrc;
    }

    /// <summary>Parses a header; null when it is not a valid one (torn, zeroed or damaged).</summary>
    public static (long BatchId, int PayloadLength, uint PayloadCrc, uint PreviousCrc)? ReadHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderBytes
            || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(header[28..]) != Crc32C.Compute(header[..28])
            || BinaryPrimitives.ReadInt32LittleEndian(header[4..]) != Format)
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        return length < PayloadPrefixBytes
            ? null
            : (BinaryPrimitives.ReadInt64LittleEndian(header[8..]), length, BinaryPrimitives.ReadUInt32LittleEndian(header[20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[24..]));
    }
}
