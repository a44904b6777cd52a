namespace Compiled.State.Faster;

/// <summary>The provider's view of one store, whatever its key and value types.</summary>
internal interface IFasterStateStore : IDisposable
{
    /// <summary>The operator owning the store.</summary>
    string OperatorId { get; }

    /// <summary>Key and value types and encodings.</summary>
    StateSchema Schema { get; }

    /// <summary>Opens the store: empty when <paramref name="checkpoint"/> is null, else recovered to it.</summary>
    void Open(OperatorCheckpoint? checkpoint);

    /// <summary>Takes a durable FASTER checkpoint of everything written so far and returns how to restore it.</summary>
    OperatorCheckpoint Checkpoint();

    /// <summary>Counters of the interval that ended with the last <see cref="Checkpoint"/>.</summary>
    StateStoreMetrics CollectMetrics();

    /// <summary>Deletes generations and FASTER checkpoints that none of <paramref name="retained"/> (this operator's entries of the retained versions) refers to.</summary>
    void Purge(IReadOnlyCollection<OperatorCheckpoint> retained);
}
