using Compiled.Analyzers.CodeFixes;
using Compiled.Analyzers.Tests.Harness;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Compiled.Analyzers.Tests;

/// <summary>
/// CQ0001 is reported by the generator, which does not run here: the tests report it themselves at
/// the marked span, as the generator does on the class name.
/// </summary>
public sealed class QueryClassNotPartialFixerTests
{
    private static readonly DiagnosticDescriptor GeneratorDiagnostic = new(
        DiagnosticIds.QueryClassNotPartial, "Query class must be partial", "Query class '{0}' must be partial",
        "Compiled.Query", DiagnosticSeverity.Error, isEnabledByDefault: true);

    [Fact]
    public Task Fix_makes_the_query_class_partial() => CodeFixVerifier<QueryClassNotPartialFixer>.VerifyAsync(GeneratorDiagnostic,
        before: """
        [StreamingQuery(OutputMode.Append)]
        public static class [|LargeOrders|]
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """,
        after: """
        [StreamingQuery(OutputMode.Append)]
        public static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """);

    [Fact]
    public Task Fix_makes_containing_types_partial_and_keeps_indentation() => CodeFixVerifier<QueryClassNotPartialFixer>.VerifyAsync(GeneratorDiagnostic,
        before: """
        namespace Shop
        {
            // Queries of the shop.
            class Queries
            {
                [StreamingQuery(OutputMode.Append)]
                internal static class [|LargeOrders|]
                {
                    static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
                }
            }
        }
        """,
        after: """
        namespace Shop
        {
            // Queries of the shop.
            partial class Queries
            {
                [StreamingQuery(OutputMode.Append)]
                internal static partial class LargeOrders
                {
                    static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
                }
            }
        }
        """);

    [Fact]
    public Task Fix_works_when_the_diagnostic_points_at_the_containing_type() => CodeFixVerifier<QueryClassNotPartialFixer>.VerifyAsync(GeneratorDiagnostic,
        before: """
        public static partial class Outer
        {
            public sealed class [|Middle|]
            {
                [StreamingQuery(OutputMode.Append)]
                public static partial class LargeOrders
                {
                    static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
                }
            }
        }
        """,
        after: """
        public static partial class Outer
        {
            public sealed partial class Middle
            {
                [StreamingQuery(OutputMode.Append)]
                public static partial class LargeOrders
                {
                    static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_is_offered_for_a_generic_query_class_that_is_already_partial() =>
        CodeFixVerifier<QueryClassNotPartialFixer>.VerifyNoFixAsync(GeneratorDiagnostic, """
        [StreamingQuery(OutputMode.Append)]
        public static partial class [|Filter|]<T>
        {
            static IStream<T> Define(IStream<T> rows) => rows;
        }
        """);
}
