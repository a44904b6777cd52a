using System.Runtime.InteropServices;
using System.Text;

namespace Compiled.IO;

/// <summary>
/// Writes files so that a crash at any instant leaves either the old state or the complete new file, never a
/// torn one: write a temporary file, flush it to disk, rename it into place, then flush the directory so the
/// rename itself survives a power loss. Used by the checkpoint logs, the file source's log, the file sink's
/// data files and manifests, and the rate source's start time.
/// </summary>
/// <remarks>
/// Every temporary file is named <c>.tmp-&lt;target name&gt;…</c>. Each reader of these directories honours that:
/// checkpoint and manifest readers take only all-digit names, the file source skips names starting with '.',
/// and the file sink deletes <c>.tmp-part-&lt;batch&gt;-*</c> when it replays a batch.
/// </remarks>
internal static partial class DurableFile
{
    /// <summary>Prefix of temporary files; readers skip such names and start-up deletes leftovers.</summary>
    internal const string TempPrefix = ".tmp-";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Atomically creates <paramref name="path"/> with <paramref name="contents"/>, or replaces it when <paramref name="overwrite"/> is true.
    /// </summary>
    /// <param name="path">The file to create.</param>
    /// <param name="contents">Its bytes.</param>
    /// <param name="overwrite">
    /// False for log entries: an existing entry means another run wrote it, and replacing it would break
    /// the guarantee that a batch id always means the same data.
    /// </param>
    /// <returns>False when <paramref name="overwrite"/> is false and the file already exists.</returns>
    internal static bool Write(string path, ReadOnlySpan<byte> contents, bool overwrite)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Unique, because two runs may race to create the same entry and must not share a temporary.
        string temp = TempPathFor(path) + "-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }
            if (!overwrite && File.Exists(path)) return false;
            File.Move(temp, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Named by the file the caller asked for, not by the temporary one.
            throw IoErrors.Failed("write", path, e);
        }
        finally
        {
            DeleteQuietly(temp);
        }
        SyncDirectory(directory);
        return true;
    }

    private static void DeleteQuietly(string path)
    {
        // Cleaning up after a failure must not replace that failure (the disk may be read-only).
        try { if (File.Exists(path)) File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8, no BOM).</summary>
    internal static void WriteAllText(string path, string text) =>
        Write(path, Utf8NoBom.GetBytes(text), overwrite: true);

    /// <summary>
    /// The temporary name for a single writer streaming into <paramref name="path"/>; publish it with
    /// <see cref="Publish"/>. Being fixed, a replay of the same write reuses (and truncates) it.
    /// </summary>
    internal static string TempPathFor(string path)
    {
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, TempPrefix + Path.GetFileName(full));
    }

    /// <summary>
    /// Renames the flushed temporary <paramref name="temp"/> to <paramref name="path"/> and flushes the directory,
    /// so the new name is durable before anything (a manifest, a commit) refers to it.
    /// </summary>
    internal static void Publish(string temp, string path, bool overwrite)
    {
        File.Move(temp, path, overwrite);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Creates <paramref name="directory"/> and any missing parent, flushing each new entry's parent so a
    /// crash cannot lose a directory whose files were already flushed.
    /// </summary>
    /// <returns>The absolute path.</returns>
    internal static string CreateDirectory(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (Directory.Exists(full)) return full;
        string? parent = Path.GetDirectoryName(full);
        if (parent is not null) CreateDirectory(parent);
        Directory.CreateDirectory(full);
        if (parent is not null) SyncDirectory(parent);
        return full;
    }

    /// <summary>Deletes <paramref name="path"/> if present and makes the deletion durable.</summary>
    internal static void Delete(string path)
    {
        if (!File.Exists(path)) return;
        File.Delete(path);
        SyncDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
    }

    /// <summary>Deletes temporary files left behind by a crash in the middle of <see cref="Write"/>.</summary>
    internal static void DeleteLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (string file in Directory.EnumerateFiles(directory, TempPrefix + "*")) File.Delete(file);
    }

    /// <summary>Flushes a directory's entries (creations, renames, deletions) to disk.</summary>
    /// <remarks>
    /// POSIX only persists a rename once the directory itself is fsynced. Windows journals NTFS metadata
    /// and offers no portable equivalent, so there the rename is left to the file system.
    /// </remarks>
    internal static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return;
        int fd = Open(directory, ReadOnlyFlag);
        if (fd < 0)
            throw new IOException($"Cannot open directory '{directory}' to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(fd) != 0)
                throw new IOException($"Cannot flush directory '{directory}' to disk (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>O_RDONLY, which is 0 on every POSIX system .NET runs on (O_DIRECTORY is not portable).</summary>
    private const int ReadOnlyFlag = 0;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
