using Compiled.State.Changelog;

namespace Compiled.State.Faster;

/// <summary>
/// Size and CRC-32C of a file (or of its first <see cref="Length"/> bytes, for a log segment that keeps growing) that
/// a recovery reads, recorded in the base manifest so that a deleted, truncated, rolled-back or damaged file is
/// refused by name instead of recovering wrong state.
/// </summary>
/// <param name="Path">Relative to the store's folder, with '/' separators.</param>
/// <param name="Length">Bytes covered.</param>
/// <param name="Crc">CRC-32C of those bytes.</param>
internal sealed record FileDigest(string Path, long Length, uint Crc)
{
    /// <summary>Digests the first <paramref name="length"/> bytes of a file and flushes it to disk (FASTER does not fsync).</summary>
    public static FileDigest Take(string storeDirectory, string fullPath, long length)
    {
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1))
        {
            stream.Flush(flushToDisk: true);
        }

        string relative = System.IO.Path.GetRelativePath(storeDirectory, fullPath).Replace('\\', '/');
        return new FileDigest(relative, length, Crc32C.OfFile(fullPath, length));
    }

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
        else if (Crc32C.OfFile(path, Length) != Crc)
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
