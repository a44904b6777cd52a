namespace Compiled.State.Faster;

/// <summary>
/// Read output of a serialized store: the caller says whether it wants the value decoded (a read that only checks
/// existence skips deserialization), and the reader callback decodes straight into <see cref="Value"/>.
/// </summary>
internal struct ValueSlot<TValue>
{
    /// <summary>Whether the reader should deserialize the value.</summary>
    public bool Decode;

    /// <summary>The key's place in a <see cref="IBaseStore{TKey, TValue}.ReadMany{TReceiver}"/> batch, which FASTER hands back with a read completed from disk.</summary>
    public int Index;

    /// <summary>The decoded value when <see cref="Decode"/> was set and the key was found.</summary>
    public TValue Value;
}
