using System.Runtime.InteropServices;

namespace Compiled.KeyedState;

/// <summary>
/// A deduplication or keyed-state key whose type admits null (<c>string?</c>, <c>int?</c>), as the state store keeps it:
/// stores need non-null keys, and a null key is one key like any other (Spark groups and deduplicates nulls together).
/// </summary>
/// <remarks>Packed, so an unmanaged <typeparamref name="T"/> leaves no padding in the bytes a raw store hashes and compares.</remarks>
/// <typeparam name="T">The key type without its nullability.</typeparam>
/// <param name="HasValue">False for the null key.</param>
/// <param name="Value">The key, when <paramref name="HasValue"/>; <c>default</c> otherwise.</param>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct NullableKey<T>(bool HasValue, T Value);

/// <summary>Builds and reads <see cref="NullableKey{T}"/> in generated code.</summary>
public static class NullableKey
{
    /// <summary>The store key of a nullable value-type key.</summary>
    public static NullableKey<T> Of<T>(T? key)
        where T : struct => new(key.HasValue, key.GetValueOrDefault());

    /// <summary>The store key of a nullable reference key.</summary>
    public static NullableKey<T> Of<T>(T? key)
        where T : class => new(key is not null, key!);

    /// <summary>The key as the user's type sees it: null for the null key.</summary>
    public static T? ToNullable<T>(this NullableKey<T> key)
        where T : struct => key.HasValue ? key.Value : null;
}
