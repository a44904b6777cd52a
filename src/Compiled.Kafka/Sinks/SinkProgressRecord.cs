namespace Compiled.Kafka;

/// <summary>The record an exactly-once Kafka sink commits with each batch: which query wrote which batch, in which attempt.</summary>
/// <param name="QueryId">The query id (stable across restarts).</param>
/// <param name="BatchId">The batch the transaction holds.</param>
/// <param name="Attempt">The transaction's attempt id, also in the <c>compiled.attempt</c> header of each of its rows.</param>
internal sealed record SinkProgressRecord(Guid QueryId, long BatchId, Guid Attempt);
