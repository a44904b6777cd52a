namespace Compiled.Testing.KeyedState;

/// <summary>
/// Spark's deduplication rules (spark-semantics §6.4; StreamingDeduplicateExec and its WithinWatermark variant),
/// written out plainly batch by batch to check compiled queries against. Nothing of the runtime is used.
/// </summary>
/// <remarks>
/// Rules: batch N runs with the watermark of batch N−1 (the largest event time seen so far minus the delay, never moving
/// back; none before the first row). A row at or behind it is late and dropped. A row whose key is in the state is a
/// duplicate and dropped; otherwise it passes and its key is stored with a forget time: its event time when the key
/// holds the event time, its event time plus the delay for DropDuplicatesWithinWatermark, never without a watermark.
/// After the batch every key whose forget time is at or behind the batch's watermark is removed.
/// Keys are held in one-element tuples, so a null key is one key like any other, as in Spark.
/// </remarks>
/// <typeparam name="TRow">The input row.</typeparam>
/// <typeparam name="TKey">The deduplication key.</typeparam>
public sealed class DedupReference<TRow, TKey>
{
    private readonly Func<TRow, TKey> _key;
    private readonly Func<TRow, long>? _timeMs;
    private readonly long _delayMs;
    private readonly DedupForget _forget;
    private readonly Dictionary<ValueTuple<TKey>, long> _state = [];
    private long _maxTimeMs = long.MinValue;

    /// <summary>A deduplication by <paramref name="key"/>.</summary>
    /// <param name="key">The key of a row.</param>
    /// <param name="timeMs">The watermarked event time in Unix ms, or null when the query declares no watermark.</param>
    /// <param name="delayMs">The watermark's delay.</param>
    /// <param name="forget">When a key leaves the state.</param>
    public DedupReference(Func<TRow, TKey> key, Func<TRow, long>? timeMs, long delayMs, DedupForget forget)
    {
        _key = key;
        _timeMs = timeMs;
        _delayMs = delayMs;
        _forget = timeMs is null ? DedupForget.Never : forget;
    }

    /// <summary>The watermark the next batch runs with (<see cref="long.MinValue"/> before any row or without a watermark).</summary>
    public long WatermarkMs => _timeMs is null || _maxTimeMs == long.MinValue ? long.MinValue : _maxTimeMs - _delayMs;

    /// <summary>Rows dropped as late so far.</summary>
    public int Late { get; private set; }

    /// <summary>Keys in the state after the last batch.</summary>
    public int StateKeys => _state.Count;

    /// <summary>Runs one batch (no rows for a batch without data) and returns the rows that pass, in input order.</summary>
    public List<TRow> Batch(IReadOnlyList<TRow> rows)
    {
        long watermark = WatermarkMs;
        var passed = new List<TRow>();
        foreach (var row in rows)
        {
            long time = _timeMs?.Invoke(row) ?? 0;
            if (_timeMs is not null)
            {
                _maxTimeMs = Math.Max(_maxTimeMs, time);
                if (watermark != long.MinValue && time <= watermark)
                {
                    Late++;
                    continue;
                }
            }
            var key = ValueTuple.Create(_key(row));
            if (_state.ContainsKey(key)) continue;
            _state[key] = _forget switch
            {
                DedupForget.EventTime => time,
                DedupForget.EventTimePlusDelay => time + _delayMs,
                _ => long.MaxValue,
            };
            passed.Add(row);
        }
        if (watermark != long.MinValue)
        {
            foreach (var key in _state.Where(e => e.Value <= watermark).Select(e => e.Key).ToList()) _state.Remove(key);
        }
        return passed;
    }
}

/// <summary>When a deduplication key leaves the reference's state.</summary>
public enum DedupForget
{
    /// <summary>Never: no watermark, or a key without the event time.</summary>
    Never,
    /// <summary>The key holds the event time: when the watermark reaches it.</summary>
    EventTime,
    /// <summary>DropDuplicatesWithinWatermark: when the watermark reaches the first row's time plus the delay.</summary>
    EventTimePlusDelay,
}
