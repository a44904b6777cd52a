namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Count and quantity sum per composite record key, emitting the groups each batch touched.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class RegionProductTotals
{
    private static IStream<RegionProductTotal> Define(IStream<Sale> sales) => sales
        .GroupBy(s => new RegionProduct(s.Region, s.Product))
        .Select(g => new RegionProductTotal(g.Key.Region, g.Key.Product, g.LongCount(), g.Sum(s => s.Quantity)));
}
