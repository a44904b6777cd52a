namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Sales count and quantity per region and product.</summary>
public sealed record RegionProductTotal(string Region, string Product, long Sales, long Quantity);
