using Compiled.EndToEnd.Tests.Queries;

namespace Compiled.EndToEnd.Tests.Support;

/// <summary>The test queries written again in LINQ to Objects: what the compiled queries must produce.</summary>
internal static class Reference
{
    public static WordFrequency[] WordCounts(IEnumerable<string> lines) => lines
        .SelectMany(line => line.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => word.Any(char.IsLetterOrDigit))
        .GroupBy(word => word, StringComparer.Ordinal)
        .Select(g => new WordFrequency(g.Key, g.LongCount()))
        .OrderBy(w => w.Word, StringComparer.Ordinal)
        .ToArray();

    public static Dictionary<RegionProduct, RegionProductTotal> RegionProductTotals(IEnumerable<Sale> sales) => sales
        .GroupBy(s => new RegionProduct(s.Region, s.Product))
        .ToDictionary(g => g.Key, g => new RegionProductTotal(g.Key.Region, g.Key.Product, g.LongCount(), g.Sum(s => (long)s.Quantity)));

    public static SaleLine[] LargeSales(IEnumerable<Sale> sales) => sales
        .Where(s => s.Quantity * s.Price >= 100m && s.Region != "")
        .Select(s => new SaleLine(s.Id, s.Region + "/" + s.Product, s.Quantity * s.Price))
        .ToArray();

    public static Dictionary<string, ProductStats> ProductStatistics(IEnumerable<Sale> sales) => sales
        .GroupBy(s => s.Product, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => new ProductStats(
            g.Key,
            g.Min(s => s.Price),
            g.Max(s => s.Quantity * s.Price),
            g.Min(s => s.Quantity),
            g.Average(s => s.Quantity),
            g.Average(s => s.Discount),
            g.Sum(s => s.Quantity * s.Price),
            g.Sum(s => s.Discount * s.Quantity),
            g.LongCount()), StringComparer.Ordinal);

    /// <summary>
    /// What an Update-mode query must emit for a batch that read <paramref name="all"/>[start..end): one row per
    /// group the batch touched, with the group's aggregate over everything up to the batch's end.
    /// </summary>
    public static TOut[] UpdateRows<TKey, TOut>(IReadOnlyList<Sale> all, int start, int end, Func<Sale, TKey> key,
        Func<IEnumerable<Sale>, Dictionary<TKey, TOut>> aggregate)
        where TKey : notnull
    {
        var totals = aggregate(all.Take(end));
        return all.Skip(start).Take(end - start).Select(key).Distinct().Select(k => totals[k]).ToArray();
    }
}
