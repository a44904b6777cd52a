using System.Buffers;
using System.Globalization;

namespace Compiled.Sinks.Files;

/// <summary>
/// Writes CSV fields per RFC 4180: comma-separated, a field with a comma, quote or line break is quoted
/// and its quotes doubled; <c>\n</c> ends a record. A null is an empty field and an empty string is <c>""</c>,
/// which the CSV source reads back as null and "" respectively.
/// </summary>
internal sealed class CsvOutput(TextWriter writer)
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private char[] _scratch = new char[128];
    private bool _atLineStart = true;

    /// <summary>Writes a null (empty) field.</summary>
    public void WriteNull() => Separate();

    /// <summary>Writes a text field, quoting it when needed.</summary>
    public void WriteString(string? value)
    {
        Separate();
        if (value is null) return;
        if (value.Length == 0)
        {
            writer.Write("\"\"");
            return;
        }
        WriteEscaped(value);
    }

    /// <summary>Writes a formattable value under the invariant culture.</summary>
    public void WriteFormatted<TValue>(TValue value, string? format)
        where TValue : ISpanFormattable
    {
        Separate();
        int written;
        while (!value.TryFormat(_scratch, out written, format, CultureInfo.InvariantCulture))
            _scratch = new char[_scratch.Length * 2];
        WriteEscaped(_scratch.AsSpan(0, written));
    }

    /// <summary>Writes a Boolean as <c>true</c> or <c>false</c>.</summary>
    public void WriteBoolean(bool value)
    {
        Separate();
        writer.Write(value ? "true" : "false");
    }

    /// <summary>Ends the current record.</summary>
    public void EndLine()
    {
        writer.Write('\n');
        _atLineStart = true;
    }

    private void Separate()
    {
        if (!_atLineStart) writer.Write(',');
        _atLineStart = false;
    }

    private void WriteEscaped(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(NeedsQuotes) < 0)
        {
            writer.Write(text);
            return;
        }
        writer.Write('"');
        int quote;
        while ((quote = text.IndexOf('"')) >= 0)
        {
            writer.Write(text[..(quote + 1)]);
            writer.Write('"');
            text = text[(quote + 1)..];
        }
        writer.Write(text);
        writer.Write('"');
    }
}
