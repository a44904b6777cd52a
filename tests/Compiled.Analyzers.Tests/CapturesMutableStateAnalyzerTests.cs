using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.CapturesMutableStateAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class CapturesMutableStateAnalyzerTests
{
    private const string MutableRow = """
        public sealed class MutableOrder
        {
            public int Quantity;
            public bool Seen { get; set; }
        }
        """;

    [Fact]
    public Task Captured_locals_and_parameters_of_the_definition_are_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class Large
        {
            static IStream<Order> Define(IStream<Order> orders, decimal threshold)
            {
                var minimum = 10;
                return orders.Where(o => o.Quantity > [|minimum|] && o.Amount > [|threshold|]);
            }
        }
        """);

    [Fact]
    public Task Writes_to_statics_and_captured_locals_and_reads_of_mutable_statics_are_reported() => Verify.VerifyAsync("""
        static class Holder
        {
            public static Order? Last { get; set; }
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class Counting
        {
            private static long _seen;
            private static int _limit = 5;

            static IStream<Order> Define(IStream<Order> orders)
            {
                var count = 0;
                return orders
                    .Where(o => { [|_seen|]++; return o.Quantity > [|_limit|] && [|count|]++ > 0; })
                    .Select(o => { [|Holder.Last|] = o; return o; });
            }
        }
        """);

    [Fact]
    public Task Writes_to_the_row_are_reported() => Verify.VerifyAsync($$"""
        {{MutableRow}}

        [StreamingQuery(OutputMode.Append)]
        static partial class Marking
        {
            static IStream<MutableOrder> Define(IStream<MutableOrder> orders) => orders
                .Select(o => { [|o.Seen|] = true; [|o.Quantity|] += 1; return o; });
        }
        """);

    [Fact]
    public Task Constants_readonly_statics_lambda_parameters_and_new_objects_are_not_reported() => Verify.VerifyAsync($$"""
        using System.Linq;

        {{MutableRow}}

        [StreamingQuery(OutputMode.Append)]
        static partial class Clean
        {
            private const int Minimum = 1;
            private static readonly int Maximum = 100;

            static IStream<MutableOrder> Define(IStream<Order> orders)
            {
                const int Factor = 2;
                var minimum = 1;
                return orders
                    .Where(o => o.Quantity >= Minimum && o.Quantity <= Maximum && o.Customer != string.Empty)
                    .Select(o => o with { Quantity = o.Quantity * Factor })
                    // An inner lambda may read the row of the lambda around it.
                    .SelectMany(o => Enumerable.Range(0, o.Quantity).Select(i => new MutableOrder { Quantity = o.Quantity + i }))
                    .Select(m =>
                    {
                        var copy = new MutableOrder();
                        copy.Quantity = m.Quantity;
                        copy.Seen = true;
                        var q = copy.Quantity;
                        q++;
                        copy.Seen = nameof(minimum).Length > q;
                        return copy;
                    });
            }
        }
        """);

    [Fact]
    public async Task Message_names_the_variable_and_suggests_a_constant()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            [StreamingQuery(OutputMode.Append)]
            static partial class Large
            {
                static IStream<Order> Define(IStream<Order> orders)
                {
                    var minimum = 10;
                    return orders.Where(o => o.Quantity > minimum);
                }
            }
            """);
        var message = Assert.Single(diagnostics).GetMessage();
        Assert.StartsWith("A lambda in query 'Large' captures local 'minimum' of 'Define'", message);
        Assert.Contains("Make the value a const", message);
    }
}
