namespace Compiled.Sources.TextSocket;

/// <summary>A line received by the socket source and not yet committed.</summary>
/// <param name="Text">The line without its terminator.</param>
/// <param name="ReceivedMs">Query-clock time of arrival, Unix ms.</param>
internal readonly record struct BufferedLine(string Text, long ReceivedMs);
