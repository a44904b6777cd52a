using System.Text.RegularExpressions;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>When split words stay spans through a filter, and when the filter needs a string after all.</summary>
public sealed class SpanRowTests
{
    private const string Rules = """
        public static class Rules
        {
            public static bool Span(ReadOnlySpan<char> w) => w.Length > 1;
            public static bool Either(string w) => w.Length > 2;
            public static bool Either(ReadOnlySpan<char> w) => w.Length > 3;
            public static bool Text(string w) => w.Length > 1;
        }
        """;

    [Theory]
    [InlineData("w => Rules.Span(w)", true)]
    [InlineData("w => Rules.Span(w: w) && w[0] != 'x' && w.Length < 9", true)]
    [InlineData("w => Rules.Text(w)", false)]
    [InlineData("w => Rules.Either(w)", false)]
    [InlineData("w => Rules.Span(w) && Rules.Text(w)", false)]
    [InlineData("w => new[] { 1, 2 }.Any(i => i < w.Length)", false)]
    [InlineData("w => new[] { 1, 2 }.Any(i => Rules.Span(w))", false)]
    [InlineData("w => new[] { 1, 2 }.Any(i => w[0] == 'a')", false)]
    public void A_split_word_reaches_a_filter_as_a_span_only_where_every_use_takes_one(string filter, bool staysSpan)
    {
        string source = """
            [StreamingQuery(OutputMode.Complete)]
            public static partial class Q
            {
                static IStream<int> Define(IStream<string> lines) => lines
                    .SelectMany(line => line.Split(' '))
                    .Where(FILTER)
                    .GroupBy(w => w)
                    .Select(g => g.Count());
            }
            """.Replace("FILTER", filter);
        string generated = GeneratorHarness.Run(source, Rules).AssertCompiles().Source;
        Assert.Equal(staysSpan, generated.Contains("Where1_Span(", StringComparison.Ordinal));
        // A string is made per word only when the filter needs one; the table below makes one per new key either way.
        Assert.Equal(!staysSpan, Regex.IsMatch(generated, @"var __r\d+ = __w\d+\.ToString\(\);"));
    }
}
