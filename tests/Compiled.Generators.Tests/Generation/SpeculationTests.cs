using Compiled.Generators.Parsing;
using Compiled.Generators.Planning;
using Compiled.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Tests.Generation;

/// <summary>Which lambdas may run on rows a filter rejected, and which loops are therefore written without a branch.</summary>
public sealed class SpeculationTests
{
    private const string Types = """
        public enum Color { Red, Green }
        public struct Inner { public int X; }
        public struct P { public int A; public long B; public double D; public decimal M; public Inner In; public Color C; public int Auto { get; init; } }
        public sealed class Box { public int A; }
        public static class Limits { public const int Max = 10; public static int Mutable = 3; }
        """;

    [Theory]
    [InlineData("p.A * 2L", true)]
    [InlineData("p.A < Limits.Max", true)]
    [InlineData("p.In.X + p.A - (int)p.B", true)]
    [InlineData("(p.A, p.B << 3, -p.D)", true)]
    [InlineData("p.A > 0 ? p.A : ~p.A", true)]
    [InlineData("p.A % 7 + p.B / 3", true)]
    [InlineData("p.D / p.A", true)]
    [InlineData("(int)p.D + (long)p.C + (int)(Color)p.A", true)]
    [InlineData("p.A == 1 && !(p.D >= 2.5)", true)]
    [InlineData("100 / p.A", false)]
    [InlineData("p.B % p.B", false)]
    [InlineData("p.A / -1", false)]
    [InlineData("checked(p.A * 2)", false)]
    [InlineData("checked((int)p.B)", false)]
    [InlineData("p.M * 2", false)]
    [InlineData("(decimal)p.A", false)]
    [InlineData("p.Auto", false)]
    [InlineData("System.Math.Abs(p.A)", false)]
    [InlineData("p.A + Limits.Mutable", false)]
    [InlineData("p.A.ToString()", false)]
    [InlineData("new Box().A", false)]
    public void A_body_may_run_speculatively_only_when_it_cannot_throw_or_write(string body, bool expected)
    {
        Assert.Equal(expected, IsSafe("(P p) => " + body));
    }

    [Fact]
    public void Class_members_statements_and_nullable_arithmetic_are_not_speculated()
    {
        Assert.False(IsSafe("(Box b) => b.A + 1"));
        Assert.False(IsSafe("(P p) => { var a = p.A; return a; }"));
        Assert.True(IsSafe("(P p) => { return p.A; }"));
        Assert.False(IsSafe("(int? n) => n + 1"));
        Assert.True(IsSafe("(Box b) => b"));
    }

    [Theory]
    [InlineData(".Where(e => e.Value < 500).Select(e => e.Key * 2L)", "long", nameof(SourceWrite.BranchFree))]
    [InlineData(".Select(e => e.Value).Where(v => Helpers.IsOdd(v))", "int", nameof(SourceWrite.BranchFree))]
    [InlineData(".Where(e => e.Value != 0).Select(e => 1000 / e.Value)", "int", nameof(SourceWrite.Reserved))]
    [InlineData(".Where(e => e.Value > 3).Where(e => Helpers.IsOdd(e.Key))", "Ev", nameof(SourceWrite.Reserved))]
    [InlineData(".Where(e => e.Value > 3).Select(e => e.Key.ToString())", "string", nameof(SourceWrite.Reserved))]
    [InlineData(".Select(e => e.Key * 2L)", "long", nameof(SourceWrite.Reserved))]
    [InlineData(".SelectMany(e => new[] { e.Key, e.Value }).Where(v => v > 3)", "int", nameof(SourceWrite.Append))]
    public void Stateless_loops_write_without_a_branch_only_when_every_step_after_the_first_filter_may_speculate(
        string chain, string output, string expected)
    {
        string source = """
            public struct Ev { public long Time; public int Key; public int Value; }
            public static class Helpers { public static bool IsOdd(int v) => (v & 1) == 1; }

            [StreamingQuery(OutputMode.Append)]
            public static partial class Q
            {
                static IStream<OUTPUT> Define(IStream<Ev> events) => events CHAIN;
            }
            """.Replace("OUTPUT", output).Replace("CHAIN", chain);
        var run = GeneratorHarness.Run(source).AssertCompiles();
        var plan = run.Result.TrackedSteps[StepNames.Plan].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<PhysicalPlan>().Single();
        Assert.Equal(expected, plan.Write.ToString());
    }

    private static bool IsSafe(string lambda)
    {
        var compilation = GeneratorHarness.Compile(Types, "public static class Holder { public static void M() { var f = " + lambda + "; } }");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.ElementAt(1);
        var node = tree.GetRoot().DescendantNodes().OfType<LambdaExpressionSyntax>().First();
        return Speculation.IsSafe(compilation.GetSemanticModel(tree), node, default);
    }
}
