using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// Hashes and compares an unmanaged key by its bytes.
/// </summary>
/// <remarks>
/// FASTER's index checkpoint stores hash tags, so the hash must be the same in every process: a key's own
/// <c>GetHashCode</c> may be randomized per process (<c>HashCode.Combine</c>, strings), its bytes are not. Equality
/// is bytewise to stay consistent with that hash; keys therefore must not carry uninitialised padding, and
/// <c>-0.0</c> / <c>0.0</c> are distinct keys unless the operator normalizes them.
/// </remarks>
internal sealed class BlittableKeyComparer<T> : IFasterEqualityComparer<T>
{
    /// <summary>The shared instance.</summary>
    public static BlittableKeyComparer<T> Instance { get; } = new();

    /// <inheritdoc />
    public unsafe long GetHashCode64(ref T key)
    {
        // Sizes are JIT-time constants, so each instantiation keeps one branch.
        if (Unsafe.SizeOf<T>() == sizeof(long))
        {
            return Utility.GetHashCode(Unsafe.As<T, long>(ref key));
        }

        if (Unsafe.SizeOf<T>() == sizeof(int))
        {
            return Utility.GetHashCode(Unsafe.As<T, uint>(ref key));
        }

        fixed (byte* bytes = &Unsafe.As<T, byte>(ref key))
        {
            return Utility.HashBytes(bytes, Unsafe.SizeOf<T>());
        }
    }

    /// <inheritdoc />
    public bool Equals(ref T k1, ref T k2)
    {
        if (Unsafe.SizeOf<T>() == sizeof(long))
        {
            return Unsafe.As<T, long>(ref k1) == Unsafe.As<T, long>(ref k2);
        }

        if (Unsafe.SizeOf<T>() == sizeof(int))
        {
            return Unsafe.As<T, int>(ref k1) == Unsafe.As<T, int>(ref k2);
        }

        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref k1), Unsafe.SizeOf<T>())
            .SequenceEqual(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref k2), Unsafe.SizeOf<T>()));
    }
}
