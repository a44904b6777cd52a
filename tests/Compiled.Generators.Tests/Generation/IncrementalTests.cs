using Compiled.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Compiled.Generators.Tests.Generation;

/// <summary>The pipeline's caching: edits that do not change a query must not re-plan or re-emit it.</summary>
public sealed class IncrementalTests
{
    private const string Rows = "namespace Shop { public record Sale(int Amount, string Region); public record Total(string Region, long Sum); }";

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

    private static readonly IncrementalStepRunReason[] s_reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_step()
    {
        var result = Rerun(c => c.AddSyntaxTrees(Parse("public class Unrelated { public int X; }", "Unrelated.cs")));
        AssertReused(result, StepNames.Parse, StepNames.Model, StepNames.Plan, StepNames.JsonReaders);
        AssertOutputsReused(result);
    }

    [Fact]
    public void Editing_an_unrelated_file_reuses_every_step()
    {
        var result = Rerun(c => Replace(c, "Query1.cs", Rows + " // edited\nnamespace Other { class C { } }"));
        AssertReused(result, StepNames.Parse, StepNames.Model, StepNames.Plan, StepNames.JsonReaders);
        AssertOutputsReused(result);
    }

    [Fact]
    public void Moving_the_query_down_the_file_keeps_the_model()
    {
        var result = Rerun(c => Replace(c, "Query0.cs", "// a comment\n\n\n" + Query));
        AssertReused(result, StepNames.Model, StepNames.Plan);
        AssertOutputsReused(result);
    }

    [Fact]
    public void Changing_a_filter_modifies_the_model_and_the_plan()
    {
        var result = Rerun(c => Replace(c, "Query0.cs", Query.Replace("> 500", "> 400")));
        AssertModified(result, StepNames.Parse, StepNames.Model, StepNames.Plan);
    }

    [Fact]
    public void Changing_a_row_type_used_by_the_key_modifies_the_model()
    {
        var result = Rerun(c => Replace(c, "Query1.cs", Rows.Replace("int Amount, string Region", "int Amount, string Region, int Extra")));
        AssertModified(result, StepNames.Model, StepNames.JsonReaders);
    }

    private static GeneratorRunResult Rerun(Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.Compile(Query, Rows);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources, s => !GeneratorRun.IsJsonReader(s.HintName));
        return driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();
    }

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);

    private static Compilation Replace(Compilation compilation, string path, string text) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == path), Parse(text, path));

    private static void AssertReused(GeneratorRunResult result, params string[] steps)
    {
        foreach (var step in steps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.Contains(o.Reason, s_reused));
        }
    }

    private static void AssertModified(GeneratorRunResult result, params string[] steps)
    {
        foreach (var step in steps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        }
    }

    private static void AssertOutputsReused(GeneratorRunResult result) =>
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, s_reused));
}
