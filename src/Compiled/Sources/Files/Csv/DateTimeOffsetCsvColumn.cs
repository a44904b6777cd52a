using System.Globalization;

namespace Compiled.Sources.Files.Csv;

/// <summary><see cref="DateTimeOffset"/>: a value without an offset is taken as UTC, not local time.</summary>
internal sealed class DateTimeOffsetCsvColumn(string name) : CsvColumn<DateTimeOffset>(name)
{
    /// <inheritdoc />
    protected override bool TryConvert(ReadOnlySpan<char> text, bool quoted, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
