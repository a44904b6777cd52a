using System.Numerics;
using System.Runtime.InteropServices;

namespace Compiled.State.Changelog;

/// <summary>CRC-32C (Castagnoli) of byte ranges, with the CPU's CRC instruction where there is one.</summary>
/// <remarks>Guards every file a state recovery reads: changelog frames, base manifests and FASTER's files.</remarks>
internal static class Crc32C
{
    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes) => ~Append(uint.MaxValue, bytes);

    /// <summary>Continues a running (not yet inverted) checksum; start from <see cref="uint.MaxValue"/> and invert at the end.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (ulong word in words)
        {
            crc = BitOperations.Crc32C(crc, word);
        }

        foreach (byte b in bytes[(words.Length * sizeof(ulong))..])
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }

    /// <summary>The checksum of the first <paramref name="length"/> bytes of <paramref name="path"/>; fails when the file is shorter.</summary>
    public static uint OfFile(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        if (stream.Length < length)
        {
            throw new InvalidDataException($"'{path}' holds {stream.Length} bytes, fewer than the {length} recorded.");
        }

        byte[] buffer = new byte[Math.Min(length, 1 << 20)];
        uint crc = uint.MaxValue;
        long left = length;
        while (left > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new InvalidDataException($"'{path}' ended before the {length} bytes recorded.");
            }

            crc = Append(crc, buffer.AsSpan(0, read));
            left -= read;
        }

        return ~crc;
    }
}
