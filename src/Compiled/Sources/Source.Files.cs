using System.Text.Json;
using Compiled.Sources.Files;
using Compiled.Sources.Files.Csv;

namespace Compiled;

/// <summary>Factories for the built-in sources.</summary>
public static partial class Source
{
    /// <summary>Each line of each file in <paramref name="path"/> is one row (UTF-8).</summary>
    /// <param name="path">The input directory; files whose names start with '.' or '_' are ignored.</param>
    /// <param name="options">Rate limits, ordering, cleanSource; defaults when null.</param>
    public static FileSource<string> TextFiles(string path, FileSourceOptions? options = null) =>
        new(path, options, TextLineFormat.Instance);

    /// <summary>
    /// Each non-blank line of each file in <paramref name="path"/> is one JSON object mapped to
    /// <typeparamref name="T"/> (property names case-insensitive; records bind through their constructor).
    /// </summary>
    /// <param name="path">The input directory; files whose names start with '.' or '_' are ignored.</param>
    /// <param name="options">Rate limits, ordering, cleanSource, bad-record policy; defaults when null.</param>
    /// <param name="serializerOptions">System.Text.Json options replacing the default (case-insensitive) ones.</param>
    public static FileSource<T> JsonFiles<T>(string path, FileSourceOptions? options = null, JsonSerializerOptions? serializerOptions = null) =>
        new(path, options, new JsonLineFormat<T>(serializerOptions));

    /// <summary>
    /// CSV files with a header row in <paramref name="path"/>; each record is one <typeparamref name="T"/>, columns
    /// mapped by name (case-insensitive) to constructor parameters and settable properties, values parsed
    /// under the invariant culture, quoting per RFC 4180.
    /// </summary>
    /// <param name="path">The input directory; files whose names start with '.' or '_' are ignored.</param>
    /// <param name="options">Rate limits, ordering, cleanSource, bad-record policy; defaults when null.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has a member CSV text cannot be converted to.</exception>
    public static FileSource<T> CsvFiles<T>(string path, FileSourceOptions? options = null) =>
        new(path, options, new CsvFormat<T>());
}
