namespace Compiled.Sinks;

/// <summary>One batch as a <see cref="MemorySink{T}"/> received it.</summary>
/// <param name="BatchId">The batch id.</param>
/// <param name="Rows">The batch's rows (in Complete mode, the whole result).</param>
public sealed record MemorySinkBatch<T>(long BatchId, IReadOnlyList<T> Rows);
