namespace Compiled.Sinks.Files;

/// <summary>A <see cref="Nullable{T}"/> property: null is an empty field.</summary>
internal sealed class NullableCsvFieldWriter<T, TValue>(Func<T, TValue?> getter, string? format) : CsvFieldWriter<T>
    where TValue : struct, ISpanFormattable
{
    /// <inheritdoc />
    public override void Write(T row, CsvOutput output)
    {
        if (getter(row) is TValue value) output.WriteFormatted(value, format);
        else output.WriteNull();
    }
}
