namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>
/// Keys that may be null through FASTER: DropDuplicates on an <c>int?</c> (every reading above 80 shares the null key),
/// then MapGroupsWithState by a <c>string?</c> (sensor "a" reports as unknown, null); Update.
/// </summary>
[StreamingQuery(OutputMode.Update)]
public static partial class UnknownSensorTotals
{
    private static IStream<SensorCount> Define(IStream<Reading> readings) => readings
        .DropDuplicates(r => r.Value > 80 ? (int?)null : r.Value * 100 + r.Time.Second)
        .GroupBy(r => r.Sensor == "a" ? null : r.Sensor)
        .MapGroupsWithState<SensorCount, SensorCount>(GroupStateTimeout.NoTimeout, KeyedFunctions.Total);
}
