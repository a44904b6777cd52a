using Compiled.State.Changelog;

namespace Compiled.State.Faster;

/// <summary>
/// Size and CRC-32C of a file (or the size of the first <see cref="Length"/> bytes, for a log segment that keeps growing)
/// that a recovery reads, recorded in the base manifest so that a deleted, truncated or damaged file is refused by name
/// instead of recovering wrong state.
/// </summary>
/// <remarks>
/// A FASTER log segment gets no checksum: a later base re-flushes the tail page it shares with this one and FASTER
/// rewrites record headers in it, so the bytes of a base that is still named by committed frames legitimately change
/// (a checksum refused a correct restart). Only its length is checked; its records are read back through FASTER.
/// </remarks>
/// <param name="Path">Relative to the store's folder, with '/' separators.</param>
/// <param name="Length">Bytes covered.</param>
/// <param name="Crc">CRC-32C of those bytes, or null for a FASTER log segment.</param>
internal sealed record FileDigest(string Path, long Length, uint? Crc)
{
    /// <summary>Records the length of the first <paramref name="length"/> bytes of a FASTER log segment and flushes it to disk.</summary>
    public static FileDigest TakeLength(string storeDirectory, string fullPath, long length)
    {
        Flush(fullPath);
        return new FileDigest(Relative(storeDirectory, fullPath), length, null);
    }

    /// <summary>Digests the first <paramref name="length"/> bytes of a file and flushes it to disk (FASTER does not fsync).</summary>
    public static FileDigest Take(string storeDirectory, string fullPath, long length)
    {
        Flush(fullPath);
        return new FileDigest(Relative(storeDirectory, fullPath), length, Crc32C.OfFile(fullPath, length));
    }

    private static void Flush(string fullPath)
    {
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1))
        {
            stream.Flush(flushToDisk: true);
        }
    }

    private static string Relative(string storeDirectory, string fullPath) =>
        System.IO.Path.GetRelativePath(storeDirectory, fullPath).Replace('\\', '/');

    /// <summary>Checks the file against the digest.</summary>
    /// <exception cref="InvalidDataException">The file is missing, shorter than recorded or its bytes differ; names the file.</exception>
    public void Verify(string storeDirectory, string operatorId, long baseBatchId)
    {
        string path = System.IO.Path.Combine(storeDirectory, Path);
        string problem;
        if (!File.Exists(path))
        {
            problem = "is missing";
        }
        else if (new FileInfo(path).Length < Length)
        {
            problem = $"holds {new FileInfo(path).Length} bytes, fewer than the {Length} recorded (truncated or rolled back)";
        }
        else if (Crc is uint crc && Crc32C.OfFile(path, Length) != crc)
        {
            problem = $"does not match the checksum recorded for its first {Length} bytes (damaged or rolled back)";
        }
        else
        {
            return;
        }

        throw new InvalidDataException(
            $"State file '{path}' of operator '{operatorId}' {problem}; the state base of batch {baseBatchId} needs it. " +
            "Restore the checkpoint from a backup or start from a new checkpoint location.");
    }
}
