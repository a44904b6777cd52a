using System.Globalization;

namespace Compiled.Sources.Files.Csv;

/// <summary><see cref="DateTime"/>: ISO 8601 and invariant formats; a <c>Z</c> or offset keeps its kind instead of turning local.</summary>
internal sealed class DateTimeCsvColumn(string name) : CsvColumn<DateTime>(name)
{
    /// <inheritdoc />
    protected override bool TryConvert(ReadOnlySpan<char> text, bool quoted, out DateTime value) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
}
