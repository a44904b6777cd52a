namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Stateless filter and projection, appended to files.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class LargeSales
{
    private static IStream<SaleLine> Define(IStream<Sale> sales) => sales
        .Where(s => s.Quantity * s.Price >= 100m && s.Region != "")
        .Select(s => new SaleLine(s.Id, s.Region + "/" + s.Product, s.Quantity * s.Price));
}
