using System.Reflection;
using System.Text;

namespace Compiled.Sinks.Files;

/// <summary>
/// CSV with a header row: one column per public readable property of <typeparamref name="T"/>, in declaration
/// order, values formatted under the invariant culture (dates in round-trip "O" format).
/// </summary>
internal sealed class CsvRowWriter<T> : IRowFileWriter<T>
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string[] _header;
    private readonly CsvFieldWriter<T>[] _fields;

    /// <summary>Inspects <typeparamref name="T"/>; throws <see cref="NotSupportedException"/> for a property CSV cannot hold.</summary>
    public CsvRowWriter()
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(static p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(static p => p.MetadataToken)
            .ToArray();
        if (properties.Length == 0)
            throw new NotSupportedException($"CSV sink for {typeof(T).Name}: the type has no public readable properties to write as columns.");
        _header = properties.Select(static p => p.Name).ToArray();
        _fields = properties.Select(CsvFieldWriter<T>.For).ToArray();
    }

    /// <inheritdoc />
    public string Extension => ".csv";

    /// <inheritdoc />
    public void Write(Stream stream, ReadOnlySpan<T> rows)
    {
        using var text = new StreamWriter(stream, Utf8NoBom, BufferSize, leaveOpen: true);
        var output = new CsvOutput(text);
        foreach (string name in _header) output.WriteString(name);
        output.EndLine();
        foreach (var row in rows)
        {
            foreach (var field in _fields) field.Write(row, output);
            output.EndLine();
        }
    }
}
