namespace Compiled.Sinks.Files;

/// <summary>A value-type property that formats itself into a span (numbers, dates, Guid, enums, …); no boxing.</summary>
internal sealed class FormattableCsvFieldWriter<T, TValue>(Func<T, TValue> getter, string? format) : CsvFieldWriter<T>
    where TValue : struct, ISpanFormattable
{
    /// <inheritdoc />
    public override void Write(T row, CsvOutput output) => output.WriteFormatted(getter(row), format);
}
