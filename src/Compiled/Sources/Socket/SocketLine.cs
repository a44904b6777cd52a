namespace Compiled.Sources;

/// <summary>A line read by <see cref="Source.SocketWithTimestamp"/> (Spark's socket source with <c>includeTimestamp</c>).</summary>
/// <param name="Value">The line's text, without its line terminator.</param>
/// <param name="Timestamp">When the line arrived (UTC, by the query clock).</param>
public readonly record struct SocketLine(string Value, DateTime Timestamp);
