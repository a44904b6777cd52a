using System.Globalization;
using Compiled.Generators.Planning;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>Plan and state-schema fingerprints: stable, culture-independent, and sensitive to exactly what a checkpoint depends on.</summary>
public sealed class FingerprintTests
{
    private const string Rows = "namespace Shop { public record Sale(int Amount, string Region, int Store); public record Total(string Region, long Sum); }";

    private const string Query = """
        namespace Shop
        {
            [StreamingQuery(OutputMode.Update)]
            public static partial class Totals
            {
                static IStream<Total> Define(IStream<Sale> sales) => sales
                    .Where(s => s.Amount > 500)
                    .GroupBy(s => s.Region)
                    .Select(g => new Total(g.Key, g.Sum(s => (long)s.Amount)));
            }
        }
        """;

    [Fact]
    public void Fnv1a_matches_the_published_test_vectors()
    {
        Assert.Equal("cbf29ce484222325", Fingerprint.Of(""));
        Assert.Equal("af63dc4c8601ec8c", Fingerprint.Of("a"));
        Assert.Equal("85944171f73967e8", Fingerprint.Of("foobar"));
    }

    [Fact]
    public void Changing_a_filter_keeps_both_fingerprints()
    {
        var before = Plan(Query);
        var after = Plan(Query.Replace("> 500", "> 100"));
        Assert.Equal(before.Fingerprint, after.Fingerprint);
        Assert.Equal(before.StateOperators[0].SchemaFingerprint, after.StateOperators[0].SchemaFingerprint);
    }

    [Fact]
    public void Changing_the_key_type_changes_both_fingerprints()
    {
        var before = Plan(Query);
        var after = Plan(Query.Replace("GroupBy(s => s.Region)", "GroupBy(s => (s.Region, s.Store))").Replace("g.Key,", "g.Key.Region,"));
        Assert.NotEqual(before.StateOperators[0].SchemaFingerprint, after.StateOperators[0].SchemaFingerprint);
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
    }

    [Fact]
    public void Adding_an_aggregate_changes_the_state_fingerprint()
    {
        var before = Plan(Query);
        var after = Plan(Query.Replace("g.Sum(s => (long)s.Amount)", "g.Sum(s => (long)s.Amount) + g.Count()"));
        Assert.NotEqual(before.StateOperators[0].SchemaFingerprint, after.StateOperators[0].SchemaFingerprint);
        Assert.Equal("aggregate|key=string|values=sum:long,count", after.StateOperators[0].Schema);
    }

    [Fact]
    public void Changing_the_output_mode_changes_the_plan_fingerprint() =>
        Assert.NotEqual(Plan(Query).Fingerprint, Plan(Query.Replace("OutputMode.Update", "OutputMode.Complete")).Fingerprint);

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void Generated_source_does_not_depend_on_the_current_culture(string culture)
    {
        var sources = QuerySources.WithRows("BrokerStatistics");
        string invariant = Generate(CultureInfo.InvariantCulture, sources);
        Assert.Equal(invariant, Generate(CultureInfo.GetCultureInfo(culture), sources));
    }

    [Fact]
    public void Generating_twice_gives_identical_source()
    {
        var sources = QuerySources.WithRows("WordCounts");
        Assert.Equal(GeneratorHarness.Run(sources).Source, GeneratorHarness.Run(sources).Source);
    }

    private static PhysicalPlan Plan(string query) =>
        GeneratorHarness.Run(query, Rows).AssertCompiles().Result.TrackedSteps[StepNames.Plan]
            .SelectMany(s => s.Outputs).Select(o => o.Value).OfType<PhysicalPlan>().Single();

    private static string Generate(CultureInfo culture, string[] sources)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return GeneratorHarness.Run(sources).Source;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
