using System.Globalization;

namespace Compiled.Sources.TextSocket;

/// <summary>A position of the socket source: the number of lines before it, stored as <c>{"lines":N}</c>.</summary>
internal static class SocketOffset
{
    public static SourceOffset Create(long lines) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{{\"lines\":{lines}}}"));

    /// <summary>The line count in <paramref name="offset"/>; 0 for null (before the first line).</summary>
    public static long Parse(SourceOffset? offset)
    {
        if (offset is null) return 0;
        if (OffsetJson.TryRead(offset, "lines", out long n) && n >= 0) return n;
        throw new FormatException(
            $"Socket source: offset '{offset.Json}' is not a socket offset; expected {{\"lines\":N}} with N >= 0. " +
            "Was the checkpoint written by a query with a different source?");
    }
}
