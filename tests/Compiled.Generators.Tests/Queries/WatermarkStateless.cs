namespace Compiled.Generators.Tests.Queries;

/// <summary>A watermark on a stateless query: event times are followed for progress, no row is dropped; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class WatermarkStateless
{
    private static IStream<string> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(1))
        .Where(r => r.Value > 0)
        .Select(r => r.Sensor);
}
