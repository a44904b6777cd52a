namespace Compiled.Generators.Tests.Queries;

/// <summary>DropDuplicatesWithinWatermark on a record key: each key is kept until the watermark passes its first row's time plus the delay.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class DedupWithinWatermark
{
    private static IStream<Reading> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(10))
        .DropDuplicatesWithinWatermark(r => new BrokerType(r.Sensor, "reading"));
}
