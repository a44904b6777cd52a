namespace Compiled.Testing;

/// <summary>How a <see cref="QueryTestDriver{TOut}"/> starts.</summary>
public sealed record QueryTestDriverOptions
{
    /// <summary>The processing time of the first batch (default the Unix epoch); move it with <c>AdvanceProcessingTime</c>.</summary>
    public DateTimeOffset StartTime { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>How the watermarks of several inputs combine (as <see cref="QueryOptions.WatermarkPolicy"/>).</summary>
    public MultipleWatermarkPolicy WatermarkPolicy { get; init; } = MultipleWatermarkPolicy.Min;

    /// <summary>The query name in progress reports; the plan's name when null.</summary>
    public string? Name { get; init; }
}
