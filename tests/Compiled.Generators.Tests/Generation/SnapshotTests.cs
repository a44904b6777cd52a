using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>The emitted source of each query shape, compared with committed snapshots; each must also compile cleanly.</summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> QueryFiles => new(QuerySources.Names());

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void Query_file(string name)
    {
        var run = GeneratorHarness.Run(QuerySources.WithRows(name)).AssertCompiles();
        Snapshot.Match(run.Source, "Query_" + name);
    }

    [Fact]
    public void Global_namespace_nested_class_method_group_and_block_lambda()
    {
        const string source = """
            public record Reading(string Sensor, double Value);

            public static partial class Outer
            {
                [StreamingQuery(OutputMode.Append, Name = "Readings")]
                public static partial class Inner
                {
                    static IStream<string> Define(IStream<Reading> readings) => readings
                        .Where(IsValid)
                        .Select(r =>
                        {
                            var rounded = System.Math.Round(r.Value, 1);
                            return r.Sensor + "=" + rounded;
                        });

                    private static bool IsValid(Reading r) => !double.IsNaN(r.Value);
                }
            }
            """;
        Snapshot.Match(GeneratorHarness.Run(source).AssertCompiles().Source, nameof(Global_namespace_nested_class_method_group_and_block_lambda));
    }

    [Fact]
    public void Usings_aliases_and_extension_methods_are_qualified()
    {
        const string helpers = """
            namespace Shop.Helpers
            {
                public static class NumberExtensions
                {
                    public static bool IsEven(this int value) => value % 2 == 0;
                }
            }
            """;
        const string source = """
            using Shop.Helpers;
            using M = System.Math;
            using static System.Math;

            namespace Shop
            {
                public record Sale(int Amount, string Region);

                [StreamingQuery(OutputMode.Append)]
                public static partial class EvenSales
                {
                    private const int Limit = 10;

                    static IStream<int> Define(IStream<Sale> sales) => sales
                        .Where(s => s.Amount.IsEven() && Abs(s.Amount) > M.Max(Limit, 2))
                        .Select(s => new { s.Amount, Twice = s.Amount * 2 })
                        .Select(x => x.Twice + x.Amount);
                }
            }
            """;
        Snapshot.Match(GeneratorHarness.Run(source, helpers).AssertCompiles().Source, nameof(Usings_aliases_and_extension_methods_are_qualified));
    }

    [Fact]
    public void Nullable_disabled_file_and_single_member_anonymous_key()
    {
        const string source = """
            #nullable disable
            namespace Shop
            {
                public record Sale(int Amount, string Region);
                public record RegionTotal(string Region, long Total);

                [StreamingQuery(OutputMode.Update)]
                public static partial class RegionTotals
                {
                    static IStream<RegionTotal> Define(IStream<Sale> sales) => sales
                        .GroupBy(s => new { s.Region })
                        .Select(g => new RegionTotal(g.Key.Region, g.Sum(s => (long)s.Amount)));
                }
            }
            """;
        Snapshot.Match(GeneratorHarness.Run(source).AssertCompiles().Source, nameof(Nullable_disabled_file_and_single_member_anonymous_key));
    }

    [Fact]
    public void SelectMany_fallbacks_keep_the_collection_type()
    {
        const string source = """
            namespace Shop
            {
                [StreamingQuery(OutputMode.Append)]
                public static partial class Tokens
                {
                    static IStream<string> Define(IStream<string> lines) => lines
                        .SelectMany(l => l.Split())
                        .SelectMany(w => Expand(w))
                        .Where(w => w.Length > 0);

                    private static IEnumerable<string> Expand(string word)
                    {
                        yield return word;
                        yield return word.ToUpperInvariant();
                    }
                }
            }
            """;
        Snapshot.Match(GeneratorHarness.Run(source).AssertCompiles().Source, nameof(SelectMany_fallbacks_keep_the_collection_type));
    }

    [Fact]
    public void Several_inputs_internal_types_and_a_parameter_named_sink()
    {
        const string source = """
            namespace Shop
            {
                internal readonly record struct Click(int Page, string? Referrer);

                [StreamingQuery(OutputMode.Complete)]
                public static partial class PageViews
                {
                    static IStream<(int Page, int Views, string? FirstReferrer)> Define(IStream<Click> sink, IStream<Click> other) => sink
                        .GroupBy(c => new PageKey(c.Page, c.Referrer is null))
                        .Select(g => (g.Key.Page, g.Count(), g.Min(c => c.Referrer)));

                    internal readonly record struct PageKey(int Page, bool Direct);
                }
            }
            """;
        Snapshot.Match(GeneratorHarness.Run(source).AssertCompiles().Source, nameof(Several_inputs_internal_types_and_a_parameter_named_sink));
    }

    [Fact]
    public void Record_struct_and_nullable_keys_get_serializers()
    {
        const string source = """
            namespace Shop
            {
                public record Sale(int Amount, string Region, System.DateTime Day);
                public readonly record struct RegionDay(string Region, System.DateTime Day, int? Bucket);
                public record Total(RegionDay Key, decimal Sum, string MaxRegion);

                [StreamingQuery(OutputMode.Complete)]
                public static partial class Totals
                {
                    static IStream<Total> Define(IStream<Sale> sales) => sales
                        .GroupBy(s => new RegionDay(s.Region, s.Day, s.Amount > 100 ? null : s.Amount / 10))
                        .Select(g => new Total(g.Key, g.Sum(s => (decimal)s.Amount), g.Max(s => s.Region)));
                }
            }
            """;
        Snapshot.Match(GeneratorHarness.Run(source).AssertCompiles().Source, nameof(Record_struct_and_nullable_keys_get_serializers));
    }
}
