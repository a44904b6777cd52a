using System.Runtime.InteropServices;

namespace Compiled.State.Faster;

/// <summary>Writes small metadata files so that after a crash either the old or the new content is on disk.</summary>
/// <remarks>Temp file, fsync, rename over the target, then fsync of the directory so the rename itself survives.</remarks>
internal static partial class DurableFile
{
    private const int ReadOnlyDirectoryFlags = 0; // O_RDONLY

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/> durably.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Deletes <paramref name="path"/> if present and makes the deletion durable.</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Flushes a directory's entries (renames, creations, deletions) to disk where the OS allows it.</summary>
    public static void SyncDirectory(string directory)
    {
        // Windows has no directory fsync and NTFS journals renames; elsewhere open(2) + fsync(2) on the directory.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd;
        try
        {
            fd = Open(directory, ReadOnlyDirectoryFlags);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return; // a libc without these entry points: the rename is still atomic, only not yet durable
        }

        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = FSync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
