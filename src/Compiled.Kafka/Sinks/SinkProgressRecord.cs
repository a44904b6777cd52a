namespace Compiled.Kafka;

/// <summary>The record an exactly-once Kafka sink commits with each batch: which query wrote which batch.</summary>
/// <param name="QueryId">The query id (stable across restarts).</param>
/// <param name="BatchId">The batch the transaction holds.</param>
internal sealed record SinkProgressRecord(Guid QueryId, long BatchId);
