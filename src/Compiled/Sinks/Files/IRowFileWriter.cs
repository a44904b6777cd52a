namespace Compiled.Sinks.Files;

/// <summary>Writes a batch of rows as one data file in a format (JSON lines, CSV).</summary>
internal interface IRowFileWriter<T>
{
    /// <summary>File extension including the dot, e.g. <c>.jsonl</c>.</summary>
    string Extension { get; }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="stream"/>; the caller flushes and closes it.</summary>
    void Write(Stream stream, ReadOnlySpan<T> rows);
}
