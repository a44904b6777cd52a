namespace Compiled.Windows;

/// <summary>What a pending <see cref="WindowChunk"/> encodes when it is first read: a window's entries captured at the end of a batch.</summary>
internal interface IPendingChunk
{
    /// <summary>The operator's encoding lock: one chunk of an operator is encoded at a time, by whichever thread reads it first.</summary>
    object EncodeLock { get; }

    /// <summary>Encodes the captured entries; called once, under <see cref="EncodeLock"/>.</summary>
    (byte[] Bytes, int Length) Encode();
}
