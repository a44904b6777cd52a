using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Compiled.Sources.Json;

namespace Compiled.Sources.Files;

/// <summary>
/// Serializer metadata for rows of JSON-lines files, shared by the JSON file source and the JSON file sink so
/// that what the sink writes the source reads back unchanged.
/// </summary>
internal static class JsonLinesOptions
{
    /// <summary>
    /// <paramref name="options"/>, or, when null, the defaults: property names matched case-insensitively when reading
    /// (written as declared), and NaN and infinities as the strings <c>"NaN"</c> and <c>"Infinity"</c> rather than a
    /// failure; read-only, with System.Text.Json's reflection resolver when none is set.
    /// </summary>
    /// <remarks>The caller's options are copied, so freezing them here leaves the caller's instance usable.</remarks>
    public static JsonSerializerOptions Resolve(JsonSerializerOptions? options)
    {
        var resolved = options is null
            ? new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }
            : new JsonSerializerOptions(options);
        resolved.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        resolved.MakeReadOnly();
        return resolved;
    }

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Resolve"/>d <paramref name="options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions? options) => TypeInfoUnder<T>(Resolve(options));

    /// <summary>The metadata of <typeparamref name="T"/> under already resolved, read-only <paramref name="resolved"/> options.</summary>
    public static JsonTypeInfo<T> TypeInfoUnder<T>(JsonSerializerOptions resolved) => (JsonTypeInfo<T>)resolved.GetTypeInfo(typeof(T));

    /// <summary>A row parser of <typeparamref name="T"/> under <paramref name="options"/> (the defaults when null).</summary>
    public static JsonRowParser<T> Parser<T>(JsonSerializerOptions? options)
    {
        JsonSerializerOptions resolved = Resolve(options);
        return new JsonRowParser<T>(resolved, () => TypeInfoUnder<T>(resolved));
    }
}
