using System.Runtime.CompilerServices;

namespace Compiled.State.Faster;

/// <summary>
/// What one operator's state holds: key and value types and how each is encoded. Stored with every checkpoint and
/// compared at recovery, so that a changed query fails with a clear message instead of reading garbage.
/// </summary>
internal sealed record StateSchema(string KeyType, string ValueType, string KeyEncoding, string ValueEncoding)
{
    private const string SerializedEncoding = "serialized";

    /// <summary>The schema of a store of <typeparamref name="TKey"/> to <typeparamref name="TValue"/>.</summary>
    public static StateSchema For<TKey, TValue>() =>
        new(TypeNames.Format(typeof(TKey)), TypeNames.Format(typeof(TValue)), EncodingOf<TKey>(), EncodingOf<TValue>());

    /// <summary>One line for error messages.</summary>
    public override string ToString() => $"{KeyType} ({KeyEncoding}) -> {ValueType} ({ValueEncoding})";

    private static string EncodingOf<T>() =>
        RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? SerializedEncoding : $"raw:{Unsafe.SizeOf<T>()}";
}
