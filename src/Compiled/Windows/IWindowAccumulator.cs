using System.Runtime.CompilerServices;

namespace Compiled.Windows;

/// <summary>
/// The accumulator of one group: the generated state struct implements it, so window state can fold panes, sessions and
/// earlier batches together without a delegate.
/// </summary>
/// <typeparam name="TSelf">The accumulator struct itself.</typeparam>
public interface IWindowAccumulator<TSelf>
    where TSelf : struct, IWindowAccumulator<TSelf>
{
    /// <summary>
    /// Folds <paramref name="earlier"/> into <paramref name="into"/>. The runtime always passes the rows that came earlier
    /// (an earlier batch, pane or session) as <paramref name="earlier"/>, so "first of equal values" rules hold.
    /// </summary>
    static abstract void Merge(ref TSelf into, in TSelf earlier);

    /// <summary>The most bytes <see cref="WriteCompact"/> writes for one accumulator.</summary>
    /// <remarks>Used only for accumulators without references; the default is the fixed-width form.</remarks>
    static virtual int MaxCompactBytes => Unsafe.SizeOf<TSelf>();

    /// <summary>
    /// Writes the durable form of an accumulator without references into a window chunk. The generator writes integer
    /// fields as varints; the default, for hand-written accumulators, is the raw bytes.
    /// </summary>
    static virtual void WriteCompact(ref ChunkWriter writer, in TSelf value) => writer.WriteRaw(in value);

    /// <summary>Reads what <see cref="WriteCompact"/> wrote.</summary>
    static virtual TSelf ReadCompact(ref ChunkReader reader) => reader.ReadRaw<TSelf>();
}
