namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>A windowed aggregation after a deduplication: DropDuplicates on (id, time), then tumbling 10 s windows per sensor; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class DeliveryWindowsAppend
{
    private static IStream<SensorWindow> Define(IStream<Delivery> deliveries) => deliveries
        .WithWatermark(d => d.Time, TimeSpan.FromSeconds(5))
        .DropDuplicates(d => (d.Id, d.Time))
        .GroupBy(d => (Window.Tumbling(d.Time, TimeSpan.FromSeconds(10)), d.Sensor))
        .Select(g => new SensorWindow(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(d => d.Value)));
}
