namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Distinct without a watermark: every sensor name once, for ever (CQ1307 warns that the state is unbounded).</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class DistinctSensors
{
    private static IStream<string> Define(IStream<Delivery> deliveries) => deliveries
        .Select(d => d.Sensor)
        .Distinct();
}
