namespace Compiled.Sources.Files.Csv;

/// <summary>Converts the text of one CSV field to a member's type, under the invariant culture.</summary>
/// <remarks>
/// Called from a compiled row factory with the value type known, so values are never boxed. An empty
/// unquoted field is null for strings and nullable members; for other value types it is an error.
/// </remarks>
internal abstract class CsvColumn<TValue>
{
    /// <summary>Creates the converter for the column named <paramref name="name"/>.</summary>
    protected CsvColumn(string name) => Name = name;

    /// <summary>Column name as written in the header.</summary>
    public string Name { get; }

    /// <summary>Converts field <paramref name="index"/> of <paramref name="record"/>; throws <see cref="CsvFieldException"/> on bad text.</summary>
    public TValue Read(CsvRecord record, int index)
    {
        var text = record[index];
        if (TryConvert(text, record.IsQuoted(index), out var value)) return value;
        throw new CsvFieldException(text.IsEmpty
            ? $"column '{Name}' is empty, which is not a valid {TypeName}"
            : $"column '{Name}': cannot convert '{text.ToString()}' to {TypeName}");
    }

    /// <summary>Converts <paramref name="text"/>; false when it is not a valid value.</summary>
    protected abstract bool TryConvert(ReadOnlySpan<char> text, bool quoted, out TValue value);

    /// <summary>Lets <see cref="NullableCsvColumn{TValue}"/> reuse this converter for non-empty text.</summary>
    internal bool TryConvertForNullable(ReadOnlySpan<char> text, bool quoted, out TValue value) => TryConvert(text, quoted, out value);

    private static string TypeName => Nullable.GetUnderlyingType(typeof(TValue)) is { } inner ? inner.Name + "?" : typeof(TValue).Name;
}
