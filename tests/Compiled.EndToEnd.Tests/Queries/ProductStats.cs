namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Statistics of one product over all sales.</summary>
public sealed record ProductStats(
    string Product,
    decimal MinPrice,
    decimal MaxAmount,
    int MinQuantity,
    double AverageQuantity,
    double AverageDiscount,
    decimal Revenue,
    double TotalDiscount,
    long Sales);
