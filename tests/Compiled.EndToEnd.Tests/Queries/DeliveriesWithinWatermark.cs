namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>DropDuplicatesWithinWatermark by id: a redelivery with a later time is still a duplicate until the watermark passes the first time plus the delay.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class DeliveriesWithinWatermark
{
    private static IStream<Delivery> Define(IStream<Delivery> deliveries) => deliveries
        .WithWatermark(d => d.Time, TimeSpan.FromSeconds(5))
        .DropDuplicatesWithinWatermark(d => d.Id);
}
