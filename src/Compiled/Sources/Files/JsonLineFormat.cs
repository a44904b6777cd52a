using System.Buffers;
using System.Text.Json;
using Compiled.Batches;
using Compiled.Sources.Json;

namespace Compiled.Sources.Files;

/// <summary>
/// Each non-blank line of a file is one JSON object mapped to <typeparamref name="T"/> by System.Text.Json
/// (property names case-insensitive by default; records bind through their constructor).
/// </summary>
/// <remarks>
/// Lines are found in a pooled byte buffer and deserialized straight from UTF-8, so no string is made for
/// a line; the row is the only allocation. Rows are read by the reader the generator made for <typeparamref name="T"/>
/// when there is one and the options read alike (see <see cref="JsonRowParser{T}"/>), else by System.Text.Json, with the
/// same rows and errors either way. Missing properties take their default value (as Spark reads missing JSON fields as
/// null); malformed JSON, a wrong value type or a <c>null</c> line is a bad record.
/// </remarks>
internal sealed class JsonLineFormat<T> : IFileFormat<T>
{
    private const int InitialBufferSize = 1 << 16;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly JsonRowParser<T> _parser;

    /// <summary>Creates the format; <paramref name="options"/> replace the default (case-insensitive) serializer options.</summary>
    public JsonLineFormat(JsonSerializerOptions? options)
    {
        _parser = JsonLinesOptions.Parser<T>(options);
    }

    /// <summary>True when rows are read by the generated reader (known after the first row).</summary>
    internal bool UsesGeneratedReader => _parser.UsesGeneratedReader;

    /// <inheritdoc />
    public string Name => "json";

    /// <inheritdoc />
    public void ReadFile(string filePath, RowBuffer<T> rows, BadRecordHandler badRecords)
    {
        using var stream = InputFile.OpenRead(filePath);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            int start = 0, end = 0;
            long lineNumber = 0;
            bool endOfFile = false;
            while (true)
            {
                int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    ReadLine(buffer.AsSpan(start, newline), ++lineNumber, filePath, rows, badRecords);
                    start += newline + 1;
                    continue;
                }
                if (endOfFile)
                {
                    if (start < end) ReadLine(buffer.AsSpan(start, end - start), ++lineNumber, filePath, rows, badRecords);
                    return;
                }
                // Keep the partial line, making room (or a bigger buffer) for the rest of it.
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length) buffer = Grow(buffer, end);
                int read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0) endOfFile = true;
                else end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ReadLine(ReadOnlySpan<byte> line, long lineNumber, string filePath, RowBuffer<T> rows, BadRecordHandler badRecords)
    {
        if (lineNumber == 1 && line.StartsWith(Utf8Bom)) line = line[Utf8Bom.Length..];
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (line.Trim(" \t"u8).IsEmpty) return;

        T? row;
        try
        {
            row = _parser.Parse(line);
        }
        catch (JsonException e)
        {
            badRecords.Report(filePath, lineNumber, $"invalid JSON for {typeof(T).Name}: {e.Message}", line);
            return;
        }
        if (row is null)
        {
            badRecords.Report(filePath, lineNumber, $"the line is JSON null, not a {typeof(T).Name}", line);
            return;
        }
        rows.Add(row);
    }

    private static byte[] Grow(byte[] buffer, int used)
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
