namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Two stateful operators in a chain: DropDuplicatesWithinWatermark, then an all-time count per sensor; Update.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class DeliveryCountsUpdate
{
    private static IStream<SensorCount> Define(IStream<Delivery> deliveries) => deliveries
        .WithWatermark(d => d.Time, TimeSpan.FromSeconds(5))
        .DropDuplicatesWithinWatermark(d => d.Id)
        .GroupBy(d => d.Sensor)
        .Select(g => new SensorCount(g.Key, g.LongCount(), g.Sum(d => (long)d.Value)));
}
