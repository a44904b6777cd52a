namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Two stateful operators in a chain: DropDuplicatesWithinWatermark, then MapGroupsWithState keeping a running count and sum per sensor; Update.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class SensorRunningTotals
{
    private static IStream<SensorCount> Define(IStream<Delivery> deliveries) => deliveries
        .WithWatermark(d => d.Time, TimeSpan.FromSeconds(5))
        .DropDuplicatesWithinWatermark(d => d.Id)
        .GroupBy(d => d.Sensor)
        .MapGroupsWithState<SensorCount, SensorCount>(GroupStateTimeout.NoTimeout, (sensor, rows, state) =>
        {
            var total = state.GetOrDefault(new SensorCount(sensor, 0, 0));
            foreach (var d in rows) total = total with { Count = total.Count + 1, Sum = total.Sum + d.Value };
            state.Update(total);
            return total;
        });
}
