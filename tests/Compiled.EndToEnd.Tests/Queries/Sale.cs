namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>One sale: the input row of the keyed, filtering and statistics queries.</summary>
/// <remarks>Prices are multiples of 0.01 and discounts multiples of 1/8, so sums are exact whatever the batching.</remarks>
public sealed record Sale(long Id, string Region, string Product, int Quantity, decimal Price, double Discount);
