namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Several aggregates over expressions per string key, emitting the groups each batch touched.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class ProductStatistics
{
    private static IStream<ProductStats> Define(IStream<Sale> sales) => sales
        .GroupBy(s => s.Product)
        .Select(g => new ProductStats(
            g.Key,
            g.Min(s => s.Price),
            g.Max(s => s.Quantity * s.Price),
            g.Min(s => s.Quantity),
            g.Average(s => s.Quantity),
            g.Average(s => s.Discount),
            g.Sum(s => s.Quantity * s.Price),
            g.Sum(s => s.Discount * s.Quantity),
            g.LongCount()));
}
