namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>UpdateStateByKey: a decaying score per sensor, every sensor in state recomputed each batch; Update writes the changed ones.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class SensorScores
{
    private static IStream<KeyState<string, long>> Define(IStream<Reading> readings) => readings
        .GroupBy(r => r.Sensor)
        .UpdateStateByKey<long>(KeyedFunctions.Decay);
}
