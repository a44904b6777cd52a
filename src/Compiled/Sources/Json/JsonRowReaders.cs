using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Compiled.Sources.Json;

/// <summary>
/// The generated <see cref="JsonRowReader{T}"/>s, one per row type. The generator registers each from a
/// <c>[ModuleInitializer]</c> of the assembly holding the query, so the JSON sources find it without reflection; they
/// look it up at their first read (after the query started, so the query's assembly is loaded).
/// </summary>
public static class JsonRowReaders
{
    /// <summary>Registers the generated reader of <typeparamref name="T"/>; called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register<T>(JsonRowReader<T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Volatile.Write(ref Slot<T>.Reader, reader);
    }

    /// <summary>The registered reader of <typeparamref name="T"/>, or null.</summary>
    internal static JsonRowReader<T>? Find<T>() => Volatile.Read(ref Slot<T>.Reader);

    /// <summary>
    /// True when a generated reader under <paramref name="options"/> reads every text as System.Text.Json does: the
    /// options change nothing the reader assumes (contract, number handling, unmapped members, depth, references),
    /// where the reader falls back to System.Text.Json for whatever they do change (comments, trailing commas, named
    /// floating-point literals, duplicate members).
    /// </summary>
    /// <remarks>
    /// Metadata must come from System.Text.Json's own resolvers: the reflection one without modifiers, or a
    /// source-generated <see cref="JsonSerializerContext"/>, both built from the same attributes the generator reads.
    /// </remarks>
    internal static bool ReadsAlike(JsonSerializerOptions options)
    {
        bool ownResolver = options.TypeInfoResolver switch
        {
            null => true,
            JsonSerializerContext => true,
            DefaultJsonTypeInfoResolver resolver => resolver.GetType() == typeof(DefaultJsonTypeInfoResolver) && resolver.Modifiers.Count == 0,
            _ => false,
        };
        return ownResolver
            && options.Converters.Count == 0
            && options.PropertyNamingPolicy is null
            && (options.NumberHandling & ~JsonNumberHandling.AllowNamedFloatingPointLiterals) == 0
            && options.UnmappedMemberHandling == JsonUnmappedMemberHandling.Skip
            && options.PreferredObjectCreationHandling == JsonObjectCreationHandling.Replace
            && options.ReferenceHandler is null
            && !options.IncludeFields
            && !options.RespectNullableAnnotations
            && !options.RespectRequiredConstructorParameters
            && (options.MaxDepth == 0 || options.MaxDepth >= 64);
    }

    /// <summary>One static slot per row type: a lookup without a dictionary or a lock.</summary>
    private static class Slot<T>
    {
        public static JsonRowReader<T>? Reader;
    }
}
