using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.StateTypeNotSerializableAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class StateTypeNotSerializableAnalyzerTests
{
    private const string Count = "public sealed record Count<TKey>(TKey Key, long Orders);";

    [Fact]
    public Task Keys_with_delegates_pointers_or_interfaces_are_reported() => Verify.VerifyAsync($$"""
        {{Count}}
        public sealed record Routed(string Customer, Func<decimal, decimal> Tax);
        public unsafe struct Handle { public int* Pointer; }
        public sealed record Outer(string Name, Inner Inner);
        public sealed record Inner(IEnumerable<string> Tags);

        [StreamingQuery(OutputMode.Update)]
        static partial class Keys
        {
            static IStream<Count<Routed>> ByRoute(IStream<Order> orders) => orders
                .[|GroupBy(o => new Routed(o.Customer, a => a))|]
                .Select(g => new Count<Routed>(g.Key, g.LongCount()));

            static IStream<Count<Handle>> ByHandle(IStream<Order> orders) => orders
                .[|GroupBy(o => default(Handle))|]
                .Select(g => new Count<Handle>(g.Key, g.LongCount()));

            static IStream<Count<IComparable>> ByComparable(IStream<Order> orders) => orders
                .[|GroupBy(o => (IComparable)o.Customer)|]
                .Select(g => new Count<IComparable>(g.Key, g.LongCount()));

            static IStream<Count<Outer>> ByOuter(IStream<Order> orders) => orders
                .[|GroupBy(o => new Outer(o.Customer, new Inner(new[] { o.Product })))|]
                .Select(g => new Count<Outer>(g.Key, g.LongCount()));
        }
        """);

    [Fact]
    public Task Classes_the_generator_cannot_rebuild_are_reported() => Verify.VerifyAsync($$"""
        {{Count}}
        public sealed class CustomerKey
        {
            private CustomerKey() { }
            public string Name { get; init; } = "";
            public static CustomerKey For(string name) => new() { Name = name };
        }
        public sealed class Bucket
        {
            public Bucket(string customer) => Name = customer;
            public string Name { get; }
        }

        [StreamingQuery(OutputMode.Update)]
        static partial class Keys
        {
            static IStream<Count<CustomerKey>> ByCustomer(IStream<Order> orders) => orders
                .[|GroupBy(o => CustomerKey.For(o.Customer))|]
                .Select(g => new Count<CustomerKey>(g.Key, g.LongCount()));

            static IStream<Count<Bucket>> ByBucket(IStream<Order> orders) => orders
                .[|GroupBy(o => new Bucket(o.Customer))|]
                .Select(g => new Count<Bucket>(g.Key, g.LongCount()));
        }
        """);

    [Fact]
    public Task Aggregated_values_and_distinct_rows_are_checked_too() => Verify.VerifyAsync("""
        public sealed record Extremes(string Customer, object Smallest, List<int> Largest);
        public sealed record Job(string Name, Action Run);

        [StreamingQuery(OutputMode.Update)]
        static partial class Values
        {
            static IStream<Extremes> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new Extremes(g.Key, g.[|Min(o => (object)o.Quantity)|], g.[|Max(o => new List<int> { o.Quantity })|]));

            static IStream<Job> Jobs(IStream<Job> jobs) => jobs.[|Distinct()|];
        }
        """);

    [Fact]
    public Task Scalars_records_structs_tuples_and_anonymous_types_are_not_reported() => Verify.VerifyAsync($$"""
        {{Count}}
        public enum Tier { Bronze, Gold }
        public readonly record struct Region(string Country, int Zone);
        public struct Bounds { public int Low; public int High; }
        public sealed record Node(string Name, Node? Parent, string[] Tags)
        {
            public int Depth => Parent is null ? 0 : Parent.Depth + 1;
        }
        public sealed class Settable
        {
            public string Customer { get; set; } = "";
            public Tier Tier { get; set; }
        }
        public sealed record Moments(DateTime At, DateTimeOffset Offset, TimeSpan Span, Guid Id, decimal Amount, int? Maybe);

        [StreamingQuery(OutputMode.Update)]
        static partial class Fine
        {
            static IStream<Count<string>> ByString(IStream<Order> orders) => orders.GroupBy(o => o.Customer).Select(g => new Count<string>(g.Key, g.LongCount()));
            static IStream<Count<(string, int)>> ByTuple(IStream<Order> orders) => orders.GroupBy(o => (o.Customer, o.Quantity)).Select(g => new Count<(string, int)>(g.Key, g.LongCount()));
            static IStream<Count<string>> ByAnonymous(IStream<Order> orders) => orders.GroupBy(o => new { o.Customer, o.Time.Date }).Select(g => new Count<string>(g.Key.Customer, g.LongCount()));
            static IStream<Count<Region>> ByRegion(IStream<Order> orders) => orders.GroupBy(o => new Region(o.Customer, 1)).Select(g => new Count<Region>(g.Key, g.LongCount()));
            static IStream<Count<Bounds>> ByBounds(IStream<Order> orders) => orders.GroupBy(o => new Bounds { Low = 0, High = o.Quantity }).Select(g => new Count<Bounds>(g.Key, g.LongCount()));
            static IStream<Count<Node>> ByNode(IStream<Order> orders) => orders.GroupBy(o => new Node(o.Customer, null, new[] { o.Product })).Select(g => new Count<Node>(g.Key, g.LongCount()));
            static IStream<Count<Settable>> BySettable(IStream<Order> orders) => orders.GroupBy(o => new Settable { Customer = o.Customer }).Select(g => new Count<Settable>(g.Key, g.LongCount()));
            static IStream<Count<Moments>> ByMoments(IStream<Order> orders) => orders.GroupBy(o => new Moments(o.Time, default, default, default, o.Amount, null)).Select(g => new Count<Moments>(g.Key, g.LongCount()));
            static IStream<Count<KeyValuePair<string, Tier>>> ByPair(IStream<Order> orders) => orders.GroupBy(o => new KeyValuePair<string, Tier>(o.Customer, Tier.Gold)).Select(g => new Count<KeyValuePair<string, Tier>>(g.Key, g.LongCount()));
            static IStream<Moments> Extremes(IStream<Order> orders) => orders.GroupBy(o => o.Customer)
                .Select(g => new Moments(g.Max(o => o.Time), default, default, default, g.Min(o => o.Amount), g.Max(o => (int?)o.Quantity)));
            static IStream<Order> Unique(IStream<Order> orders) => orders.Distinct();
        }
        """);

    [Fact]
    public async Task Message_names_the_member_at_fault()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed record Routed(string Customer, Func<decimal, decimal> Tax);
            public sealed record Count(Routed Key, long Orders);

            [StreamingQuery(OutputMode.Update)]
            static partial class Keys
            {
                static IStream<Count> Define(IStream<Order> orders) => orders
                    .GroupBy(o => new Routed(o.Customer, a => a))
                    .Select(g => new Count(g.Key, g.LongCount()));
            }
            """);
        var message = Assert.Single(diagnostics).GetMessage();
        Assert.StartsWith("The GroupBy key in query 'Keys' has type 'Routed', which cannot be kept as state: 'Routed.Tax' is a delegate", message);
    }
}
