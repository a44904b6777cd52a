namespace Compiled.Generators.Tests.Queries;

/// <summary>SelectMany over a list (struct enumerator), stateless, in Update mode.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class OrderLines
{
    private static IStream<string> Define(IStream<Order> orders) => orders
        .SelectMany(o => o.Lines)
        .Where(l => l.Quantity > 1)
        .Select(l => l.Sku + "x" + l.Quantity);
}
