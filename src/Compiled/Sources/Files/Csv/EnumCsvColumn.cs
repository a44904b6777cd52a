namespace Compiled.Sources.Files.Csv;

/// <summary>Enums: a member name (case-insensitive) or its number.</summary>
internal sealed class EnumCsvColumn<TEnum>(string name) : CsvColumn<TEnum>(name)
    where TEnum : struct, Enum
{
    /// <inheritdoc />
    protected override bool TryConvert(ReadOnlySpan<char> text, bool quoted, out TEnum value) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value);
}
