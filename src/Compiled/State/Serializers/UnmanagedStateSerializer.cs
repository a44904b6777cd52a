using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.State.Serializers;

/// <summary>
/// Stores a value that holds no references as its raw in-memory bytes (machine byte order).
/// </summary>
/// <remarks>
/// Used for the unmanaged half of a key/value pair whose other half needs a serializer, and by generated record
/// serializers (<see cref="Write"/> / <see cref="Read"/>). It has no <c>unmanaged</c> constraint so that generic
/// code can create it; the constructor refuses types that hold references.
/// </remarks>
public sealed class UnmanagedStateSerializer<T> : IStateSerializer<T>
{
    /// <summary>Creates the serializer; throws when <typeparamref name="T"/> holds references.</summary>
    public UnmanagedStateSerializer()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            throw new NotSupportedException(
                $"{typeof(T)} holds references, so it cannot be stored as raw bytes; give the state store an IStateSerializer<{typeof(T).Name}>.");
        }
    }

    /// <inheritdoc />
    public void Serialize(in T value, IBufferWriter<byte> writer) => Write(value, writer);

    /// <inheritdoc />
    public T Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Unsafe.SizeOf<T>())
        {
            throw new InvalidDataException($"A serialized {typeof(T).Name} has {Unsafe.SizeOf<T>()} bytes; got {bytes.Length}.");
        }

        return Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(bytes));
    }

    /// <summary>Appends the raw bytes of <paramref name="value"/>.</summary>
    public static void Write(in T value, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int size = Unsafe.SizeOf<T>();
        Span<byte> span = writer.GetSpan(size);
        Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(span), value);
        writer.Advance(size);
    }

    /// <summary>Reads one value written by <see cref="Write"/> and moves <paramref name="bytes"/> past it.</summary>
    public static T Read(ref ReadOnlySpan<byte> bytes)
    {
        int size = Unsafe.SizeOf<T>();
        if (bytes.Length < size)
        {
            throw new InvalidDataException($"A serialized {typeof(T).Name} needs {size} bytes; got {bytes.Length}.");
        }

        T value = Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(bytes));
        bytes = bytes[size..];
        return value;
    }
}
