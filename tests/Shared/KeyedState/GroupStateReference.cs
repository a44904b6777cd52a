namespace Compiled.Testing.KeyedState;

/// <summary>
/// Spark's mapGroupsWithState / flatMapGroupsWithState rules (spark-semantics §6.5; FlatMapGroupsWithStateExec), written
/// out plainly batch by batch to check compiled queries against. The user's function is called with the public
/// <see cref="GroupState{TState}"/> handle; grouping, timeouts and what is kept are decided here, not by the runtime.
/// </summary>
/// <remarks>
/// Rules: batch N runs with the watermark of batch N−1 (largest event time seen minus the delay); rows at or behind it are
/// dropped. The function is called once per key with rows, keys in first-seen order, then once per stored key whose
/// timeout is strictly before the threshold (the batch time for processing-time timeouts, the watermark for event-time
/// ones), with no rows. Before each call the timeout is cleared. After a call: a key with neither state nor timeout is
/// dropped; otherwise its state and timeout are kept.
/// Keys are held in one-element tuples, so a null key is one key like any other, as in Spark.
/// </remarks>
public sealed class GroupStateReference<TRow, TKey, TState, TOut>
{
    private readonly Func<TRow, TKey> _key;
    private readonly Func<TKey, IEnumerable<TRow>, GroupState<TState>, IEnumerable<TOut>> _function;
    private readonly GroupStateTimeout _timeout;
    private readonly Func<TRow, long>? _timeMs;
    private readonly long _delayMs;
    private readonly Dictionary<ValueTuple<TKey>, (bool Exists, TState Value, long TimeoutMs)> _state = [];
    private long _maxTimeMs = long.MinValue;

    /// <summary>A keyed-state operator over rows grouped by <paramref name="key"/>.</summary>
    /// <param name="key">The grouping key.</param>
    /// <param name="function">The user's function (a map function returns one row).</param>
    /// <param name="timeout">How keys time out.</param>
    /// <param name="timeMs">The watermarked event time in Unix ms, or null when the query declares no watermark.</param>
    /// <param name="delayMs">The watermark's delay.</param>
    public GroupStateReference(Func<TRow, TKey> key, Func<TKey, IEnumerable<TRow>, GroupState<TState>, IEnumerable<TOut>> function,
        GroupStateTimeout timeout, Func<TRow, long>? timeMs = null, long delayMs = 0)
    {
        _key = key;
        _function = function;
        _timeout = timeout;
        _timeMs = timeMs;
        _delayMs = delayMs;
    }

    /// <summary>The watermark the next batch runs with (<see cref="long.MinValue"/> when none).</summary>
    public long WatermarkMs => _timeMs is null || _maxTimeMs == long.MinValue ? long.MinValue : _maxTimeMs - _delayMs;

    /// <summary>Keys in the state after the last batch.</summary>
    public int StateKeys => _state.Count;

    /// <summary>Rows dropped as late so far.</summary>
    public int Late { get; private set; }

    /// <summary>Calls made because a timeout fired, so far.</summary>
    public int TimedOut { get; private set; }

    /// <summary>Runs one batch at processing time <paramref name="batchTimeMs"/> and returns the rows the function wrote.</summary>
    public List<TOut> Batch(IReadOnlyList<TRow> rows, long batchTimeMs)
    {
        long watermark = WatermarkMs;
        var groups = new List<(TKey Key, List<TRow> Rows)>();
        foreach (var row in rows)
        {
            if (_timeMs is not null)
            {
                long time = _timeMs(row);
                _maxTimeMs = Math.Max(_maxTimeMs, time);
                if (watermark != long.MinValue && time <= watermark)
                {
                    Late++;
                    continue;
                }
            }
            var key = _key(row);
            int at = groups.FindIndex(g => EqualityComparer<TKey>.Default.Equals(g.Key, key));
            if (at < 0) groups.Add((key, [row]));
            else groups[at].Rows.Add(row);
        }

        var output = new List<TOut>();
        foreach (var (key, group) in groups) output.AddRange(Call(key, group, timedOut: false, watermark, batchTimeMs));
        long threshold = _timeout switch
        {
            GroupStateTimeout.ProcessingTimeTimeout => batchTimeMs,
            GroupStateTimeout.EventTimeTimeout => watermark,
            _ => long.MinValue,
        };
        if (threshold != long.MinValue)
        {
            foreach (var key in _state.Where(e => e.Value.TimeoutMs != GroupState<TState>.NoTimestamp && e.Value.TimeoutMs < threshold).Select(e => e.Key).ToList())
            {
                TimedOut++;
                output.AddRange(Call(key.Item1, [], timedOut: true, watermark, batchTimeMs));
            }
        }
        return output;
    }

    private List<TOut> Call(TKey key, List<TRow> rows, bool timedOut, long watermark, long now)
    {
        var state = new GroupState<TState>(_timeout);
        bool stored = _state.TryGetValue(ValueTuple.Create(key), out var entry);
        state.Reset(stored && entry.Exists, entry.Value, timedOut, watermark, now);
        var written = _function(key, rows, state).ToList();
        if (!state.Exists && state.TimeoutTimestampMs == GroupState<TState>.NoTimestamp) _state.Remove(ValueTuple.Create(key));
        else _state[ValueTuple.Create(key)] = (state.Exists, state.Exists ? state.Get() : default!, state.TimeoutTimestampMs);
        return written;
    }
}
