using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Compiled.Analyzers.Tests.Harness;

/// <summary>
/// Reads expected-diagnostic markup: <c>[|…|]</c> marks a span of the test's default id, and
/// <c>{|CQ1003:…|}</c> a span of the named id. Markers may nest.
/// </summary>
internal static class TestMarkup
{
    /// <summary>The source without markers, and the spans the markers enclosed.</summary>
    public static (string Source, ImmutableArray<ExpectedDiagnostic> Expected) Parse(string markup, string? defaultId)
    {
        var source = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start)>();
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (At(markup, i, "[|"))
            {
                open.Push((defaultId, source.Length));
                i++;
            }
            else if (At(markup, i, "{|") && markup.IndexOf(':', i) is var colon and > 0 && IsId(markup, i + 2, colon))
            {
                open.Push((markup[(i + 2)..colon], source.Length));
                i = colon;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                if (open.Count == 0) throw new FormatException($"Unbalanced '{markup.Substring(i, 2)}' at offset {i} of the test markup.");
                var (id, start) = open.Pop();
                if (id is null) throw new FormatException("'[|' used in a test without a default diagnostic id; write {|ID:…|}.");
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }
        if (open.Count != 0) throw new FormatException("The test markup opens a span it never closes.");
        return (source.ToString(), expected.ToImmutable());
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static bool IsId(string text, int start, int end)
    {
        if (end <= start) return false;
        for (int i = start; i < end; i++)
        {
            if (!char.IsLetterOrDigit(text[i])) return false;
        }
        return true;
    }
}
