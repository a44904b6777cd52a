using Microsoft.Extensions.Logging;

namespace Compiled.Sources.Files;

/// <summary>
/// Tells the query when a file lands in a file source's input directory (created, renamed into it or written), so a
/// query on the default trigger plans its batch at once instead of at its next poll. Only a wake-up: what a batch
/// reads is still decided by listing the directory, so a missed or spurious event changes no result.
/// </summary>
internal sealed class InputDirectoryWatcher : IDisposable
{
    private readonly FileSystemWatcher? _watcher;

    private InputDirectoryWatcher(FileSystemWatcher? watcher) => _watcher = watcher;

    /// <summary>
    /// Watches <paramref name="directory"/> and calls <paramref name="dataAvailable"/> on every change; when the system
    /// refuses a watch (e.g. Linux's inotify instance limit) it logs why and the query keeps polling.
    /// </summary>
    public static InputDirectoryWatcher Start(string directory, Action dataAvailable, ILogger logger, string source)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            FileSystemEventHandler changed = (_, _) => dataAvailable();
            watcher.Created += changed;
            watcher.Changed += changed;
            watcher.Renamed += (_, _) => dataAvailable();
            // An overflow loses events, not files: wake the query so it lists the directory.
            watcher.Error += (_, _) => dataAvailable();
            watcher.EnableRaisingEvents = true;
            return new InputDirectoryWatcher(watcher);
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or UnauthorizedAccessException or ArgumentException)
        {
            watcher?.Dispose();
            logger.LogWarning("{Source}: cannot watch '{Directory}' for new files ({Reason}); new files are found by polling, up to 100 ms later.",
                source, directory, e.Message);
            return new InputDirectoryWatcher(null);
        }
    }

    /// <summary>True when changes are watched (false when the system refused the watch).</summary>
    public bool Watching => _watcher is not null;

    /// <inheritdoc />
    public void Dispose() => _watcher?.Dispose();
}
