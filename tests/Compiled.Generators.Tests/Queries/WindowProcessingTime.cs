namespace Compiled.Generators.Tests.Queries;

/// <summary>Processing-time tumbling windows (DStream style): the batch time places every row; Update.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class WindowProcessingTime
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .GroupBy(r => (Window.Tumbling(Window.ProcessingTime, TimeSpan.FromSeconds(10)), r.Sensor))
        .Select(g => new WindowCount(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
