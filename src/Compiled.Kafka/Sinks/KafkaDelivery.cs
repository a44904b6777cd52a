namespace Compiled.Kafka;

/// <summary>The Kafka sink's delivery guarantee.</summary>
public enum KafkaDelivery
{
    /// <summary>
    /// Each batch's rows and a progress record (query id, batch id) are written in one Kafka transaction; a batch
    /// replayed after a crash is recognised and not written again, and a newer instance of the query fences an older
    /// one. Readers with <c>isolation.level=read_committed</c> see every row exactly once (the default).
    /// </summary>
    ExactlyOnce,

    /// <summary>An idempotent producer without transactions: no duplicates from retries, but a replayed batch is written again.</summary>
    AtLeastOnce,
}
