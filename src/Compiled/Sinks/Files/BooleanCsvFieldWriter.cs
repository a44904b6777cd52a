namespace Compiled.Sinks.Files;

/// <summary>A bool or bool? property, written <c>true</c> / <c>false</c> / empty.</summary>
internal sealed class BooleanCsvFieldWriter<T>(Func<T, bool?> getter) : CsvFieldWriter<T>
{
    /// <inheritdoc />
    public override void Write(T row, CsvOutput output)
    {
        if (getter(row) is bool value) output.WriteBoolean(value);
        else output.WriteNull();
    }
}
