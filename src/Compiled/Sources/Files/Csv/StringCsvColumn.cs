namespace Compiled.Sources.Files.Csv;

/// <summary>Strings: the field's text; an empty unquoted field is null, <c>""</c> is the empty string.</summary>
internal sealed class StringCsvColumn(string name) : CsvColumn<string?>(name)
{
    /// <inheritdoc />
    protected override bool TryConvert(ReadOnlySpan<char> text, bool quoted, out string? value)
    {
        value = text.IsEmpty && !quoted ? null : text.ToString();
        return true;
    }
}
