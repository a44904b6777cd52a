using Compiled.Windows;

namespace Compiled.State.Changelog;

/// <summary>The compact form an accumulator defines (<see cref="IWindowAccumulator{TSelf}.WriteCompact"/>).</summary>
/// <typeparam name="T">The accumulator.</typeparam>
internal sealed class AccumulatorForm<T> : CompactValueForm<T>
    where T : struct, IWindowAccumulator<T>
{
    /// <inheritdoc />
    public override int MaxBytes => T.MaxCompactBytes;

    /// <inheritdoc />
    public override void Write(ref ChunkWriter writer, in T value) => T.WriteCompact(ref writer, in value);

    /// <inheritdoc />
    public override T Read(ref ChunkReader reader) => T.ReadCompact(ref reader);
}
