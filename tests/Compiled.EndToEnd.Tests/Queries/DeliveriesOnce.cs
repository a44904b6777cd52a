namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>DropDuplicates on a key holding the event time: the watermark evicts keys and drops late rows; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class DeliveriesOnce
{
    private static IStream<Delivery> Define(IStream<Delivery> deliveries) => deliveries
        .WithWatermark(d => d.Time, TimeSpan.FromSeconds(5))
        .DropDuplicates(d => (d.Id, d.Time));
}
