using System.Text.Json;
using Compiled.Sinks.Files;

namespace Compiled;

/// <summary>Factories for the built-in sinks.</summary>
public static partial class Sink
{
    /// <summary>
    /// Writes each batch as a JSON-lines file under <paramref name="path"/>, exactly once through a per-batch
    /// manifest (Append mode only). Read the result back with <see cref="FileSinkReader.ReadJsonLines{T}"/>.
    /// </summary>
    /// <param name="path">The output directory; created if missing.</param>
    /// <param name="serializerOptions">System.Text.Json options; the defaults when null.</param>
    public static FileSink<T> JsonFiles<T>(string path, JsonSerializerOptions? serializerOptions = null) =>
        new(path, new JsonLinesRowWriter<T>(serializerOptions));

    /// <summary>
    /// Writes each batch as a CSV file with a header row under <paramref name="path"/>, exactly once through a
    /// per-batch manifest (Append mode only). Read the result back with <see cref="FileSinkReader.ReadCsv{T}"/>.
    /// </summary>
    /// <param name="path">The output directory; created if missing.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has a property CSV cannot hold.</exception>
    public static FileSink<T> CsvFiles<T>(string path) => new(path, new CsvRowWriter<T>());
}
