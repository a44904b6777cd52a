namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Composite record key of <see cref="RegionProductTotals"/>.</summary>
public sealed record RegionProduct(string Region, string Product);
