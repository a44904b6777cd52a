namespace Compiled.Benchmarks.W5;

/// <summary>W5's input record: one line of text, as the JSON object <c>{"Text":"…"}</c>.</summary>
/// <param name="Text">The line.</param>
internal sealed record TextLine(string Text);
