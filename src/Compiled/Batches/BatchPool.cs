namespace Compiled.Batches;

/// <summary>Rents <see cref="RowBuffer{T}"/>s and counts the ones not yet returned.</summary>
public static class BatchPool
{
    private static long s_outstanding;

    /// <summary>Buffers rented and not yet disposed, across the process. Tests assert it returns to zero.</summary>
    public static long Outstanding => Interlocked.Read(ref s_outstanding);

    /// <summary>Rents an empty buffer able to hold at least <paramref name="capacity"/> rows without growing.</summary>
    public static RowBuffer<T> Rent<T>(int capacity = 1024)
    {
        Interlocked.Increment(ref s_outstanding);
        return new RowBuffer<T>(capacity);
    }

    internal static void OnReturned() => Interlocked.Decrement(ref s_outstanding);
}
