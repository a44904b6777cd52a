using Compiled.Aggregation;

namespace Compiled.Windows;

/// <summary>An <see cref="IEqualityComparer{T}"/> over generated key operations, for the window state's own dictionaries.</summary>
internal sealed class KeyOpsComparer<TKey, TKeyOps> : IEqualityComparer<TKey>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    /// <summary>The one instance.</summary>
    internal static KeyOpsComparer<TKey, TKeyOps> Instance { get; } = new();

    public bool Equals(TKey? x, TKey? y) => default(TKeyOps).Equal(in x!, in y!);

    public int GetHashCode(TKey obj) => default(TKeyOps).Hash(in obj);
}
