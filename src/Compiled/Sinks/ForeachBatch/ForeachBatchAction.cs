namespace Compiled.Sinks;

/// <summary>
/// A <c>foreachBatch</c> callback: receives one batch's rows and its id. A batch replayed after a crash
/// arrives again with the same id and the same rows, so the id is the key for idempotent writes.
/// </summary>
/// <param name="rows">The batch's rows; valid only during the call (the buffer is reused for the next batch).</param>
/// <param name="batchId">The batch id, increasing from 0 and stable across restarts.</param>
public delegate void ForeachBatchAction<T>(ReadOnlySpan<T> rows, long batchId);
