namespace Compiled.Sources.Files.Csv;

/// <summary><see cref="Nullable{T}"/>: an empty field is null, anything else goes to the inner converter.</summary>
internal sealed class NullableCsvColumn<TValue>(CsvColumn<TValue> inner) : CsvColumn<TValue?>(inner.Name)
    where TValue : struct
{
    /// <inheritdoc />
    protected override bool TryConvert(ReadOnlySpan<char> text, bool quoted, out TValue? value)
    {
        if (text.IsWhiteSpace())
        {
            value = null;
            return true;
        }
        bool ok = inner.TryConvertForNullable(text, quoted, out var inside);
        value = inside;
        return ok;
    }
}
