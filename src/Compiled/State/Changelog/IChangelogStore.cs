using Compiled.State.Faster;

namespace Compiled.State.Changelog;

/// <summary>The provider's untyped view of one <see cref="ChangelogStore{TKey, TValue}"/>.</summary>
internal interface IChangelogStore
{
    /// <summary>The operator owning the store.</summary>
    string OperatorId { get; }

    /// <summary>Key and value types and encodings, checked against every recovered section.</summary>
    StateSchema Schema { get; }

    /// <summary>Appends this batch's section (changed keys and values, row count) to the frame and starts the next batch.</summary>
    void WriteSection(ChangelogBuffer frame);

    /// <summary>
    /// Instead of <see cref="WriteSection"/>: takes this batch's section on the batch thread, to be written into the frame
    /// later on the checkpoint thread, and starts the next batch; null (nothing taken) for a store whose sections are
    /// written at once.
    /// </summary>
    IDeferredSection? DeferSection() => null;

    /// <summary>Replays one recovered frame section (records after the base) into the in-memory table.</summary>
    void Replay(ReadOnlySpan<byte> records, int recordCount, long count);

    /// <summary>The keys changed since the last base, as a job for the base thread; the table starts a new base epoch.</summary>
    IBaseChanges TakeBaseChanges();

    /// <summary>True when the in-memory table is above its share of the memory budget.</summary>
    bool OverBudget { get; }

    /// <summary>
    /// The store that carries the operator's state on once this one is over its budget: itself for a store that evicts
    /// (<see cref="Evict"/>); for a keyed aggregation's table, a store that takes over its groups.
    /// </summary>
    IChangelogStore Outgrow();

    /// <summary>Evicts entries already in a completed base until the table is back under its budget; returns false when nothing more can go.</summary>
    bool Evict();

    /// <summary>
    /// Counters of the batch just written, which resets them, with the frame's own metrics (its size and where the commit's
    /// time went) and the FASTER metrics of the last completed base.
    /// </summary>
    StateStoreMetrics TakeMetrics(long commitTimeMs, IReadOnlyDictionary<string, long> frameMetrics, IReadOnlyDictionary<string, long>? baseMetrics);
}

/// <summary>One store's changes since the previous base, applied to FASTER on the base thread.</summary>
internal interface IBaseChanges
{
    /// <summary>Writes the changes into the store's FASTER base; runs on the base thread under the base lock.</summary>
    void Apply();

    /// <summary>Tells the store its entries of this epoch are in a durable base and may be evicted.</summary>
    void Completed();
}
