using System.Runtime.InteropServices;

namespace Compiled.IO;

/// <summary>
/// Tells what a path is before anything opens it: a FIFO opened for reading blocks until a writer appears, and
/// .NET reports FIFOs, sockets and devices as ordinary files. On Linux this is one <c>statx</c> call (its struct
/// layout is the same on every architecture); elsewhere the answer comes from <see cref="FileInfo"/> and cannot
/// tell special files apart.
/// </summary>
internal static partial class PathProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const int ModeOffset = 28;
    private const int StatxSize = 256;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;
    private const int ENOSYS = 38;
    private const ushort TypeMask = 0xF000;
    private const ushort RegularType = 0x8000;
    private const ushort DirectoryType = 0x4000;

    private static bool s_statxMissing = !OperatingSystem.IsLinux();

    /// <summary>What <paramref name="path"/> is, following symlinks.</summary>
    internal static PathKind Probe(string path)
    {
        if (path.Contains('\uFFFD', StringComparison.Ordinal) && !File.Exists(path) && !Directory.Exists(path))
            return PathKind.Unrepresentable;
        if (!s_statxMissing)
        {
            Span<byte> buffer = stackalloc byte[StatxSize];
            int result;
            try
            {
                result = Statx(AtFdCwd, path, 0, StatxType | StatxMode, ref MemoryMarshal.GetReference(buffer));
            }
            catch (EntryPointNotFoundException)
            {
                // A C library older than glibc 2.28.
                s_statxMissing = true;
                result = -1;
            }
            if (result == 0)
            {
                ushort type = (ushort)(MemoryMarshal.Read<ushort>(buffer[ModeOffset..]) & TypeMask);
                return type switch
                {
                    RegularType => PathKind.RegularFile,
                    DirectoryType => PathKind.Directory,
                    _ => PathKind.Special,
                };
            }
            int errno = s_statxMissing ? ENOSYS : Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR) return PathKind.Missing;
            if (errno == ELOOP) return PathKind.SymlinkLoop;
            if (errno == ENOSYS) s_statxMissing = true;
        }
        if (Directory.Exists(path)) return PathKind.Directory;
        return File.Exists(path) ? PathKind.RegularFile : PathKind.Missing;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, ref byte buffer);
}
