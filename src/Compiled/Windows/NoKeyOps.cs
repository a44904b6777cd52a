using Compiled.Aggregation;

namespace Compiled.Windows;

/// <summary>Hashing and equality of <see cref="NoKey"/>: every value is the same key.</summary>
public readonly struct NoKeyOps : IBatchKeyOps<NoKey>
{
    /// <inheritdoc />
    public bool StoresHash => false;

    /// <inheritdoc />
    public int Hash(in NoKey key) => 0;

    /// <inheritdoc />
    public bool Equal(in NoKey a, in NoKey b) => true;
}
