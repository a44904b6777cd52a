using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Compiled.Sources.Files;

/// <summary>
/// Serializer metadata for rows of JSON-lines files, shared by the JSON file source and the JSON file sink so
/// that what the sink writes the source reads back unchanged.
/// </summary>
internal static class JsonLinesOptions
{
    /// <summary>
    /// The metadata of <typeparamref name="T"/> under <paramref name="options"/>, or, when null, under the defaults:
    /// property names matched case-insensitively when reading (written as declared), and NaN and infinities as the
    /// strings <c>"NaN"</c> and <c>"Infinity"</c> rather than a failure.
    /// </summary>
    /// <remarks>The caller's options are copied, so freezing them here leaves the caller's instance usable.</remarks>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions? options)
    {
        var resolved = options is null
            ? new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }
            : new JsonSerializerOptions(options);
        resolved.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        resolved.MakeReadOnly();
        return (JsonTypeInfo<T>)resolved.GetTypeInfo(typeof(T));
    }
}
