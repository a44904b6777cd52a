using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.StateTypeNotSerializableAnalyzer>;

namespace Compiled.Analyzers.Tests;

/// <summary>
/// CQ1403 is the shared model's verdict (the one the generator relies on): each key case is its own query, since only
/// <c>Define</c> is a query definition.
/// </summary>
public sealed class StateTypeNotSerializableAnalyzerTests
{
    private const string Types = """
        public sealed record Count<TKey>(TKey Key, long Orders);
        public sealed record Routed(string Customer, Func<decimal, decimal> Tax);
        public unsafe struct Handle { public int* Pointer; }
        public sealed record Outer(string Name, Inner Inner);
        public sealed record Inner(IEnumerable<string> Tags);
        public sealed class CustomerKey
        {
            private CustomerKey() { }
            public string Name { get; init; } = "";
            public static CustomerKey For(string name) => new() { Name = name };
        }
        public sealed class BrokerKey { public string Name { get; set; } = ""; }
        public sealed record Node(string Name, Node? Parent);
        public sealed record Tagged(string Name, string[] Tags);
        public enum Tier { Bronze, Gold }
        public readonly record struct Region(string Country, int Zone);
        public struct Bounds { public int Low; public int High; }
        public sealed record Moments(DateTime At, DateTimeOffset Offset, TimeSpan Span, Guid Id, decimal Amount, int? Maybe);
        """;

    [Theory]
    [InlineData("Routed", "new Routed(o.Customer, a => a)", "'Routed.Tax' is a delegate")]
    [InlineData("Handle", "default(Handle)", "'Handle.Pointer' is a pointer")]
    [InlineData("IComparable", "(IComparable)o.Customer", "it is typed 'System.IComparable'")]
    [InlineData("Outer", "new Outer(o.Customer, new Inner(new[] { o.Product }))", "'Inner.Tags' is typed")]
    [InlineData("CustomerKey", "CustomerKey.For(o.Customer)", "'CustomerKey' is a class")]
    // The two bugs: both built with no diagnostic and no Start (CS0117 at the call site).
    [InlineData("BrokerKey", "new BrokerKey { Name = o.Customer }", "'BrokerKey' is a class: the generator compares and rebuilds records, structs and tuples only; declare it 'record BrokerKey'")]
    [InlineData("Node", "new Node(o.Customer, null)", "'Node' holds a value of its own type")]
    [InlineData("Tagged", "new Tagged(o.Customer, new[] { o.Product })", "'Tagged.Tags' is an array")]
    [InlineData("KeyValuePair<string, Tier>", "new KeyValuePair<string, Tier>(o.Customer, Tier.Gold)", "is a struct holding references")]
    public async Task Keys_the_generator_cannot_keep_are_reported_on_the_GroupBy(string type, string key, string reason)
    {
        var markup = Types + "\n[StreamingQuery(OutputMode.Update)] static partial class Keys { static IStream<Count<" + type
            + ">> Define(IStream<Order> orders) => orders.[|GroupBy(o => " + key + ")|].Select(g => new Count<" + type + ">(g.Key, g.LongCount())); }";
        await Verify.VerifyAsync(markup);
        var message = Assert.Single(await Verify.GetDiagnosticsAsync(markup.Replace("[|", "").Replace("|]", ""))).GetMessage();
        Assert.StartsWith("The GroupBy key in query 'Keys' has type '", message, StringComparison.Ordinal);
        Assert.Contains("which cannot be kept as state: " + (reason.StartsWith("it ", StringComparison.Ordinal) ? reason : ""), message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Aggregated_values_are_checked_too() => Verify.VerifyAsync("""
        public sealed record Extremes(string Customer, object Smallest, List<int> Largest);

        [StreamingQuery(OutputMode.Update)]
        static partial class Values
        {
            static IStream<Extremes> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new Extremes(g.Key, g.[|Min(o => (object)o.Quantity)|], g.[|Max(o => new List<int> { o.Quantity })|]));
        }
        """);

    [Fact]
    public Task Distinct_rows_are_checked() => Verify.VerifyAsync("""
        public sealed record Job(string Name, Action Run);

        [StreamingQuery(OutputMode.Append)]
        static partial class Jobs
        {
            static IStream<Job> Define(IStream<Job> jobs) => jobs.[|Distinct()|];
        }
        """);

    [Theory]
    [InlineData("string", "o.Customer")]
    [InlineData("(string, int)", "(o.Customer, o.Quantity)")]
    [InlineData("Region", "new Region(o.Customer, 1)")]
    [InlineData("Bounds", "new Bounds { Low = 0, High = o.Quantity }")]
    [InlineData("Moments", "new Moments(o.Time, default, default, default, o.Amount, null)")]
    [InlineData("Tier", "Tier.Gold")]
    [InlineData("DateTime", "o.Time.Date")]
    public Task Scalars_records_structs_and_tuples_are_not_reported(string type, string key) => Verify.VerifyAsync(Types
        + "\n[StreamingQuery(OutputMode.Update)] static partial class Fine { static IStream<Count<" + type
        + ">> Define(IStream<Order> orders) => orders.GroupBy(o => " + key + ").Select(g => new Count<" + type + ">(g.Key, g.LongCount())); }");

    [Fact]
    public Task Anonymous_keys_and_extremes_of_scalars_are_not_reported() => Verify.VerifyAsync("""
        public sealed record Moments(string Customer, DateTime At, decimal Amount, int? Maybe);

        [StreamingQuery(OutputMode.Update)]
        static partial class Fine
        {
            static IStream<Moments> Define(IStream<Order> orders) => orders.GroupBy(o => new { o.Customer, o.Time.Date })
                .Select(g => new Moments(g.Key.Customer, g.Max(o => o.Time), g.Min(o => o.Amount), g.Max(o => (int?)o.Quantity)));
        }
        """);
}
