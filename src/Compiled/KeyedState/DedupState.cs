using Compiled.State;

namespace Compiled.KeyedState;

/// <summary>
/// The state of a deduplication (<c>Distinct</c>, <c>DropDuplicates</c>, <c>DropDuplicatesWithinWatermark</c>): each key
/// seen, with the event time (Unix ms) at which the watermark may forget it. Generated plans call it once per batch.
/// </summary>
public static class DedupState
{
    /// <summary>
    /// Removes every key whose time the watermark has reached (<c>time &lt;= watermark</c>, Spark's eviction predicate);
    /// returns how many. Nothing happens before the first watermark.
    /// </summary>
    /// <remarks>A full scan, as Spark's: a key's time is its value, not part of an ordered index.</remarks>
    public static long Evict<TKey>(IStateStore<TKey, long> store, long watermarkMs)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(store);
        if (watermarkMs == long.MinValue || store.Count == 0) return 0;
        var eviction = new Eviction<TKey>(store, watermarkMs);
        store.ForEach(ref eviction);
        return eviction.Removed;
    }

    /// <summary>Removes visited keys at or behind the watermark; removal during the visit is allowed by every store.</summary>
    private struct Eviction<TKey>(IStateStore<TKey, long> store, long watermarkMs) : IStateVisitor<TKey, long>
        where TKey : notnull
    {
        public long Removed;

        public void Visit(in TKey key, in long value)
        {
            if (value > watermarkMs) return;
            // The visit found it live: a blind tombstone, which reads nothing of a spilled key.
            store.RemoveLive(key);
            Removed++;
        }
    }
}
