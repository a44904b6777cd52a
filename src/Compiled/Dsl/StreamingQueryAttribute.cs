namespace Compiled;

/// <summary>
/// Marks a <c>static partial class</c> whose <c>Define</c> method declares a streaming query. The
/// generator adds a typed <c>Start</c> method and the compiled operators to the class.
/// </summary>
/// <param name="outputMode">What the query writes after each batch.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StreamingQueryAttribute(OutputMode outputMode) : Attribute
{
    /// <summary>What the query writes after each batch.</summary>
    public OutputMode OutputMode { get; } = outputMode;

    /// <summary>Query name in progress and errors; the class name when not set.</summary>
    public string? Name { get; init; }
}
