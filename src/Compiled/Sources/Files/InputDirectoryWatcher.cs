using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Compiled.Sources.Files;

/// <summary>
/// Tells the query when a file is complete in a file source's input directory, so a query on the default trigger plans
/// its batch at once instead of at its next poll. Linux only (inotify): it wakes on a file renamed or moved into the
/// directory (<c>IN_MOVED_TO</c>, the atomic way to publish a file) and on a file closed after writing
/// (<c>IN_CLOSE_WRITE</c>), never on a file just created, whose writer may not have written it yet. Only a wake-up:
/// what a batch reads is still decided by listing the directory, so a missed or extra event changes no result.
/// Elsewhere, and when the system refuses a watch, the query keeps polling.
/// </summary>
internal sealed partial class InputDirectoryWatcher : IDisposable
{
    private const uint InCloseWrite = 0x8;
    private const uint InMovedTo = 0x80;
    private const int InCloexec = 0x80000;
    private const int InNonblock = 0x800;
    private const short PollIn = 0x1;
    private const int EfdCloexec = 0x80000;

    private readonly int _fd;
    private readonly int _wake;
    private readonly Action _dataAvailable;
    private readonly Thread? _thread;
    private volatile bool _disposed;

    private InputDirectoryWatcher(int fd, Action dataAvailable, string directory)
    {
        _fd = fd;
        _dataAvailable = dataAvailable;
        _wake = -1;
        if (fd < 0) return;
        _wake = EventFd(0, EfdCloexec);
        if (_wake < 0)
        {
            _ = Close(fd);
            _fd = -1;
            return;
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "Compiled file watch: " + Path.GetFileName(directory) };
        _thread.Start();
    }

    /// <summary>
    /// Watches <paramref name="directory"/> and calls <paramref name="dataAvailable"/> when a file there is complete;
    /// when the system refuses a watch (e.g. Linux's inotify limits) it logs why and the query keeps polling.
    /// </summary>
    public static InputDirectoryWatcher Start(string directory, Action dataAvailable, ILogger logger, string source)
    {
        if (!OperatingSystem.IsLinux()) return new InputDirectoryWatcher(-1, dataAvailable, directory);
        int fd = InotifyInit(InCloexec | InNonblock);
        if (fd >= 0 && InotifyAddWatch(fd, directory, InCloseWrite | InMovedTo) >= 0) return new InputDirectoryWatcher(fd, dataAvailable, directory);
        int errno = Marshal.GetLastPInvokeError();
        if (fd >= 0) _ = Close(fd);
        logger.LogWarning("{Source}: cannot watch '{Directory}' for new files (inotify errno {Errno}); new files are found by polling, up to 100 ms later.",
            source, directory, errno);
        return new InputDirectoryWatcher(-1, dataAvailable, directory);
    }

    /// <summary>True when completed files wake the query, false when only polling finds them.</summary>
    public bool Watching => _thread is not null;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_thread is null) return;
        // Wakes the thread's poll; the descriptors are closed only after it left it.
        ulong one = 1;
        unsafe { _ = Write(_wake, (byte*)&one, sizeof(ulong)); }
        if (!_thread.Join(TimeSpan.FromSeconds(5))) return;
        _ = Close(_fd);
        _ = Close(_wake);
    }

    private unsafe void Run()
    {
        // The events' content does not matter: any completed file means "list the directory".
        byte* buffer = stackalloc byte[4096];
        PollFd* polls = stackalloc PollFd[2];
        polls[0] = new PollFd { Fd = _fd, Events = PollIn };
        polls[1] = new PollFd { Fd = _wake, Events = PollIn };
        while (!_disposed)
        {
            if (Poll(polls, 2, -1) <= 0) continue;
            bool any = false;
            while (Read(_fd, buffer, 4096) > 0) any = true;
            if (any && !_disposed) _dataAvailable();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
