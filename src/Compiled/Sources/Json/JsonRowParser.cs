using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Compiled.Sources.Json;

/// <summary>
/// Reads JSON rows of <typeparamref name="T"/> for a source: through the generated <see cref="JsonRowReader{T}"/> when
/// one is registered and the options read alike, else (and for every text the reader declines) through
/// System.Text.Json, so rows, nulls and errors are System.Text.Json's in every case.
/// </summary>
/// <remarks>
/// The reader is looked up at the first row, not when the source is made: the query's assembly registers it when it
/// loads, which may be after the source was created. System.Text.Json's metadata is only built when a text needs it,
/// so a source whose rows all take the generated path never reflects over <typeparamref name="T"/>.
/// </remarks>
internal sealed class JsonRowParser<T>
{
    private readonly JsonSerializerOptions _options;
    private readonly Func<JsonTypeInfo<T>> _typeInfo;
    private JsonTypeInfo<T>? _metadata;
    private JsonRowReader<T>? _reader;
    private bool _resolved;

    /// <summary>Parses under read-only <paramref name="options"/>; the metadata for texts the reader declines comes from <paramref name="typeInfo"/>.</summary>
    public JsonRowParser(JsonSerializerOptions options, Func<JsonTypeInfo<T>> typeInfo)
    {
        _options = options;
        _typeInfo = typeInfo;
    }

    /// <summary>A parser through System.Text.Json's metadata <paramref name="typeInfo"/> (its options decide whether the generated reader may stand in).</summary>
    public JsonRowParser(JsonTypeInfo<T> typeInfo)
        : this(typeInfo.Options, () => typeInfo)
    {
        _metadata = typeInfo;
    }

    /// <summary>True when rows are read by the generated reader (known after the first row).</summary>
    public bool UsesGeneratedReader => _reader is not null;

    /// <summary>The row in <paramref name="json"/>, or null for JSON <c>null</c>; throws <see cref="JsonException"/> for a bad text, as System.Text.Json does.</summary>
    public T? Parse(ReadOnlySpan<byte> json)
    {
        if (!_resolved) Resolve();
        if (_reader is not null)
        {
            try
            {
                if (_reader.TryRead(json, _options.PropertyNameCaseInsensitive, _options, out T row)) return row;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Declined by throwing: System.Text.Json below reads the same text and gives its own result or error.
            }
        }
        return JsonSerializer.Deserialize(json, _metadata ??= _typeInfo());
    }

    private void Resolve()
    {
        _reader = JsonRowReaders.ReadsAlike(_options) ? JsonRowReaders.Find<T>() : null;
        _resolved = true;
    }
}
