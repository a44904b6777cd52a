using Compiled.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Tests.Generation;

/// <summary>Malformed and unusual code: the generator never throws, and what it emits compiles.</summary>
public sealed class RobustnessTests
{
    private const string Rows = "public record Trade(string Broker, int Amount, Trade? Parent = null); public record Node(Node? Next, int Value);";

    public static TheoryData<string> Malformed => new()
    {
        "",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s.Where(x => ); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s.Where(; }",
        "[StreamingQuery] public static partial class Q { static IStream<int> Define(IStream<int> s) => s; }",
        "[StreamingQuery((OutputMode)42)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s; }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<Missing> Define(IStream<Missing> s) => s; }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s.Nope(x => x); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s.Where(x => x.Nope); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s.Select(x => Missing.Call(x)); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define => null!; }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static partial IStream<int> Define(IStream<int> s); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(params IStream<int>[] s) => s[0]; }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(ref IStream<int> s) => s; }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define<T>(IStream<int> s) => s; }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) { } }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) { return s; return s; } }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => true ? s : s.Where(x => x > 0); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s?.Where(x => x > 0)!; }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s.Where(async x => x > 0); }",
        "[StreamingQuery(OutputMode.Update)] public static partial class Q { static IStream<int> Define(IStream<Node> s) => s.GroupBy(n => n).Select(g => g.Count()); }",
        "[StreamingQuery(OutputMode.Update)] public static partial class Q { static IStream<int> Define(IStream<Trade> s) => s.GroupBy(t => t.Broker).Select(g => g.Count(t => )); }",
        "[StreamingQuery(OutputMode.Update)] public static partial class Q { static IStream<int> Define(IStream<Trade> s) => s.GroupBy(t => t.Broker).Select(g => g.Sum()); }",
        "[StreamingQuery(OutputMode.Update)] public static partial class Q { static IStream<int> Define(IStream<Trade> s) => s.GroupBy(t => t.Broker); }",
        "[StreamingQuery(OutputMode.Update)] public static partial class Q { static IStream<long> Define(IStream<Trade> s) => s.GroupBy(t => t.Broker).Select(g => (from t in new[] { g.Key } select t).LongCount()); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<string> s) => s.SelectMany(l => l.Split(' ', 3)).Select(w => w.Length); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<string> s) => s.SelectMany(l => l.Split((char[])null!)).Select(w => w.Length); }",
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s" + string.Concat(Enumerable.Repeat(".Where(x => x > 0)", 300)) + "; }",
        "[StreamingQuery(OutputMode.Append)] public record R { }",
        "namespace N { [StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> s) => s; } [StreamingQuery(OutputMode.Append)] public static partial class Q { } }",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Never_throws(string source)
    {
        var run = GeneratorHarness.Run(source, Rows);
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id is "CS8785" or "AD0001");
        // Whatever was generated must not add errors of its own: every error points at user code.
        Assert.All(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error),
            d => Assert.DoesNotContain(".g.cs", d.Location.SourceTree?.FilePath ?? string.Empty, StringComparison.Ordinal));
    }

    public static TheoryData<string> Unusual => new()
    {
        // Keyword identifiers, static and discard lambdas, explicit parameter types.
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<int> Define(IStream<int> @event) => @event.Where(static @class => @class > 0).Where(_ => true).Select((int v) => v + 1); }",
        // Patterns, switch expressions, interpolation, nameof, typeof, default, target-typed new, checked, ?. and ??.
        """
        [StreamingQuery(OutputMode.Append)] public static partial class Q
        {
            static IStream<string> Define(IStream<Trade> s) => s
                .Where(t => t is { Amount: > 5, Broker: not null } && t.Parent?.Broker != "x")
                .Select(t => t.Amount switch { < 10 => nameof(Trade), _ => typeof(Trade).Name } + $"{t.Broker,5}:{checked(t.Amount * 2)}" + (t.Parent?.Broker ?? default(string) ?? ""))
                .Select(text => new System.Text.StringBuilder(text).Append(new string('-', 2)).ToString());
        }
        """,
        // Nested lambdas capturing the row, local functions, tuples and deconstruction in block lambdas.
        """
        [StreamingQuery(OutputMode.Append)] public static partial class Q
        {
            static IStream<(int, string)> Define(IStream<Trade> s) => s
                .Where(t => new[] { 1, 2, 3 }.Any(i => i == t.Amount))
                .Select(t =>
                {
                    var (broker, amount) = (t.Broker, t.Amount);
                    static int Twice(int v) => v * 2;
                    return (Twice(amount), broker);
                });
        }
        """,
        // Define in another part of the partial class; struct rows captured by nested lambdas.
        "public struct P { public int X; public int Y; } [StreamingQuery(OutputMode.Append)] public static partial class Q { } public static partial class Q { static IStream<int> Define(IStream<P> s) => s.Where(p => new[] { 1 }.All(i => i < p.X)).Select(p => p.X + p.Y); }",
        // Keys: DateTime, Guid, enums, bool, char, nullable, nested tuples; Min and Max over many types.
        """
        public enum Color { Red, Green }
        public record Event(System.DateTime At, System.Guid Id, Color Color, bool Flag, char Grade, int? Score, double Value, string Name);
        [StreamingQuery(OutputMode.Update)] public static partial class Q
        {
            static IStream<string> Define(IStream<Event> s) => s
                .GroupBy(e => (e.At.Date, e.Color, (e.Flag, e.Grade), e.Score))
                .Select(g => $"{g.Key}: {g.Min(e => e.Id)} {g.Max(e => e.Color)} {g.Min(e => e.Flag)} {g.Max(e => e.Grade)} {g.Max(e => e.Score)} {g.Average(e => e.Value)} {g.Max(e => e.Name)} {g.Average(e => (long)e.Grade)}");
        }
        """,
        // Split with options, a single separator, a collection expression and TrimEntries; span filters of each kind.
        """
        [StreamingQuery(OutputMode.Complete)] public static partial class Q
        {
            static IStream<(string, long)> Define(IStream<string> s) => s
                .SelectMany(l => l.Split('|', System.StringSplitOptions.TrimEntries))
                .SelectMany(l => l.Split([';', ':', '/', '\\', '\t'], System.StringSplitOptions.RemoveEmptyEntries))
                .Where(w => w.Length > 1 && w[0] != '#' && !string.IsNullOrWhiteSpace(w) && w != "skip" && w.All(char.IsLetter))
                .Select(w => w.Trim())
                .Where(w => !string.IsNullOrEmpty(w))
                .GroupBy(w => w)
                .Select(g => (g.Key, g.LongCount(w => w.Length > 3)));
        }
        """,

        // A nullable reference key: the state store's key type is not annotated (it requires notnull).
        "[StreamingQuery(OutputMode.Complete)] public static partial class Q { static IStream<string> Define(IStream<Trade> s) => s.GroupBy(t => t.Parent?.Broker).Select(g => (g.Key ?? \"none\") + g.Count()); }",
    };

    [Theory]
    [MemberData(nameof(Unusual))]
    public void Unusual_but_valid_queries_compile(string source) => GeneratorHarness.Run(source, Rows).AssertCompiles();
}
