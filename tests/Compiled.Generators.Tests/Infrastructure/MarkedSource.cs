using Microsoft.CodeAnalysis.Text;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>Source text with the expected diagnostic location marked as <c>[|...|]</c>.</summary>
internal sealed class MarkedSource
{
    private const string Open = "[|";
    private const string Close = "|]";

    public MarkedSource(string marked)
    {
        int start = marked.IndexOf(Open, StringComparison.Ordinal);
        int end = marked.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start) throw new ArgumentException("Mark the expected location with [| and |].", nameof(marked));
        Text = marked.Remove(end, Close.Length).Remove(start, Open.Length);
        Span = TextSpan.FromBounds(start, end - Open.Length);
    }

    /// <summary>The source without markers.</summary>
    public string Text { get; }

    /// <summary>The marked span in <see cref="Text"/>.</summary>
    public TextSpan Span { get; }

    /// <summary>The marked text.</summary>
    public string Marked => Text.Substring(Span.Start, Span.Length);
}
