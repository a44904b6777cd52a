using System.Runtime.CompilerServices;

namespace Compiled.State.Serializers;

/// <summary>The built-in serializers, used when an operator supplies none for a type that has one.</summary>
public static class StateSerializers
{
    /// <summary>
    /// The built-in serializer of <typeparamref name="T"/>: raw bytes for types without references, and
    /// <see cref="StringStateSerializer"/> / <see cref="ByteArrayStateSerializer"/>; null for anything else.
    /// </summary>
    public static IStateSerializer<T>? Default<T>()
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return new UnmanagedStateSerializer<T>();
        }

        if (typeof(T) == typeof(string))
        {
            return (IStateSerializer<T>)(object)StringStateSerializer.Instance;
        }

        if (typeof(T) == typeof(byte[]))
        {
            return (IStateSerializer<T>)(object)ByteArrayStateSerializer.Instance;
        }

        return null;
    }
}
