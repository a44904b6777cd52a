namespace Compiled.Sinks.Files;

/// <summary>A string property.</summary>
internal sealed class StringCsvFieldWriter<T>(Func<T, string?> getter) : CsvFieldWriter<T>
{
    /// <inheritdoc />
    public override void Write(T row, CsvOutput output) => output.WriteString(getter(row));
}
