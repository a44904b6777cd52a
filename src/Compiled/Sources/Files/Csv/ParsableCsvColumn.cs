using System.Globalization;

namespace Compiled.Sources.Files.Csv;

/// <summary>Any <see cref="ISpanParsable{TSelf}"/> type (numbers, bool, char, Guid, TimeSpan, DateOnly, …).</summary>
internal sealed class ParsableCsvColumn<TValue>(string name) : CsvColumn<TValue>(name)
    where TValue : ISpanParsable<TValue>
{
    /// <inheritdoc />
    protected override bool TryConvert(ReadOnlySpan<char> text, bool quoted, out TValue value) =>
        TValue.TryParse(text, CultureInfo.InvariantCulture, out value!);
}
