namespace Compiled.IO;

/// <summary>
/// Names the cause of a file system failure in words a user acts on ("no space left on device", "the file system
/// is read-only"), so that every error the engine reports says both the path and why.
/// </summary>
/// <remarks>
/// On Linux and macOS .NET keeps the raw <c>errno</c> of an unmapped failure in <see cref="Exception.HResult"/>;
/// the numbers below are Linux's. Elsewhere only the exception's own message is used.
/// </remarks>
internal static class IoErrors
{
    private const int EWOULDBLOCK = 11;
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int ELOOP = 40;
    private const int EDQUOT = 122;

    /// <summary>True for "no space left on device" (or a quota exceeded, which looks the same to a user).</summary>
    internal static bool IsNoSpace(Exception e) =>
        e is IOException && (OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 39 or 112 : Errno(e) is ENOSPC or EDQUOT);

    /// <summary>True when the file system is mounted read-only.</summary>
    internal static bool IsReadOnly(Exception e) => e is IOException && Errno(e) == EROFS;

    /// <summary>True when another handle holds a lock on the file (the only "in use" case on Linux).</summary>
    internal static bool IsLocked(Exception e) =>
        e is IOException && (OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : Errno(e) == EWOULDBLOCK);

    /// <summary>True when a path has too many levels of symbolic links (a loop).</summary>
    internal static bool IsSymlinkLoop(Exception e) => e is IOException && Errno(e) == ELOOP;

    /// <summary>The cause in a few words, for a message that already names the path.</summary>
    internal static string Describe(Exception e)
    {
        if (IsNoSpace(e)) return "no space left on device";
        if (IsReadOnly(e)) return "the file system is read-only";
        if (IsSymlinkLoop(e)) return "too many levels of symbolic links (a symlink loop)";
        return e switch
        {
            UnauthorizedAccessException => "permission denied, or the path is a directory where a file is expected",
            FileNotFoundException or DirectoryNotFoundException => "it does not exist",
            _ => e.Message,
        };
    }

    /// <summary>The exception's message with its cause in words when the message does not already say it.</summary>
    internal static string Explain(Exception e)
    {
        string cause = Describe(e);
        return e.Message.Contains(cause, StringComparison.OrdinalIgnoreCase) ? e.Message : $"{cause} ({e.Message})";
    }

    /// <summary>What to do about <paramref name="e"/>, as one sentence (empty when there is nothing specific).</summary>
    internal static string Advice(Exception e)
    {
        if (IsNoSpace(e)) return "Free space on that file system and restart the query; it resumes exactly where it stopped.";
        if (IsReadOnly(e)) return "Mount it read-write (or choose another location) and restart the query.";
        return "";
    }

    /// <summary>
    /// An <see cref="IOException"/> saying what could not be done to <paramref name="path"/> and why, keeping the
    /// cause's error code (so <see cref="IsNoSpace"/> still recognises it) and the cause as inner exception.
    /// </summary>
    internal static IOException Failed(string action, string path, Exception cause) =>
        new($"Cannot {action} '{path}': {Describe(cause)}.", cause) { HResult = cause.HResult };

    private static int Errno(Exception e) => !OperatingSystem.IsWindows() && e.HResult is > 0 and < 4096 ? e.HResult : -1;
}
