namespace Compiled.Testing.Joins;

/// <summary>
/// An independent interpreter of Spark's stream-stream join, batch by batch (spark-semantics §6.2, §6.3): rows at or
/// behind the batch's watermark are dropped on a watermarked input; new left rows join the buffered right rows, then new
/// right rows join all buffered left rows; at the end of the batch the rows no future row can match are evicted (left
/// rows once time - lower &lt;= watermark, right rows once time + upper &lt;= watermark) and an outer side's unmatched
/// ones written with default for the other side. The next watermark is the minimum over watermarked inputs of the
/// largest time each has seen minus its delay, never moving back.
/// </summary>
/// <remarks>Plain lists and linear scans: slow and obviously faithful to the rules, which is the point.</remarks>
public sealed class StreamJoinReference<TLeft, TRight, TKey, TOut>
{
    private readonly List<(TLeft Row, bool Matched)> _left = [];
    private readonly List<(TRight Row, bool Matched)> _right = [];
    private long _leftMax = long.MinValue;
    private long _rightMax = long.MinValue;

    public required Func<TLeft, TKey> LeftKey { get; init; }
    public required Func<TRight, TKey> RightKey { get; init; }
    public required Func<TLeft, long> LeftTimeMs { get; init; }
    public required Func<TRight, long> RightTimeMs { get; init; }
    /// <summary>Watermark delay of the left input, or null when it has none.</summary>
    public long? LeftDelayMs { get; init; }
    /// <summary>Watermark delay of the right input, or null when it has none.</summary>
    public long? RightDelayMs { get; init; }
    /// <summary>Smallest left time minus right time that matches.</summary>
    public required long LowerMs { get; init; }
    /// <summary>Largest left time minus right time that matches.</summary>
    public required long UpperMs { get; init; }
    public required JoinType Type { get; init; }
    /// <summary>A left semi join: a left row is written once, as <c>Result(left, default)</c>, at its first match.</summary>
    public bool Semi { get; init; }
    public required Func<TLeft, TRight, TOut> Result { get; init; }

    /// <summary>The watermark the next batch runs with.</summary>
    public long WatermarkMs { get; private set; } = long.MinValue;

    /// <summary>Rows dropped as late so far.</summary>
    public int Late { get; private set; }

    /// <summary>Rows buffered now, both sides.</summary>
    public int Buffered => _left.Count + _right.Count;

    /// <summary>Runs one batch (either list may be empty: a batch without data only evicts) and returns its output rows.</summary>
    public List<TOut> Batch(IReadOnlyList<TLeft> lefts, IReadOnlyList<TRight> rights) => Batch(lefts, rights, WatermarkMs, WatermarkMs);

    /// <summary>
    /// Runs one batch of a join inside a larger query, whose watermarks come from outside: rows of a watermarked side at
    /// or behind <paramref name="lateThroughMs"/> are late, and rows are evicted by <paramref name="evictThroughMs"/>.
    /// </summary>
    public List<TOut> Batch(IReadOnlyList<TLeft> lefts, IReadOnlyList<TRight> rights, long lateThroughMs, long evictThroughMs)
    {
        var output = new List<TOut>();
        long batchMaxLeft = long.MinValue, batchMaxRight = long.MinValue;
        foreach (var l in lefts)
        {
            long t = LeftTimeMs(l);
            batchMaxLeft = Math.Max(batchMaxLeft, t);
            if (LeftDelayMs is not null && t <= lateThroughMs)
            {
                Late++;
                continue;
            }
            bool matched = false;
            for (int i = 0; i < _right.Count; i++)
            {
                if (!Matches(l, _right[i].Row)) continue;
                matched = true;
                _right[i] = (_right[i].Row, true);
                if (!Semi) output.Add(Result(l, _right[i].Row));
            }
            if (Semi && matched)
            {
                // Written now, and never again: no later right row may write it.
                output.Add(Result(l, default!));
                continue;
            }
            _left.Add((l, matched));
        }
        foreach (var r in rights)
        {
            long t = RightTimeMs(r);
            batchMaxRight = Math.Max(batchMaxRight, t);
            if (RightDelayMs is not null && t <= lateThroughMs)
            {
                Late++;
                continue;
            }
            bool matched = false;
            for (int i = 0; i < _left.Count; i++)
            {
                if (!Matches(_left[i].Row, r)) continue;
                matched = true;
                if (Semi && _left[i].Matched) continue;
                _left[i] = (_left[i].Row, true);
                output.Add(Semi ? Result(_left[i].Row, default!) : Result(_left[i].Row, r));
            }
            _right.Add((r, matched));
        }
        if (evictThroughMs != long.MinValue)
        {
            foreach (var (row, matched) in _left.Where(e => LeftTimeMs(e.Row) - LowerMs <= evictThroughMs).ToList())
            {
                if (!matched && Type is JoinType.LeftOuter or JoinType.FullOuter) output.Add(Result(row, default!));
            }
            _left.RemoveAll(e => LeftTimeMs(e.Row) - LowerMs <= evictThroughMs);
            foreach (var (row, matched) in _right.Where(e => RightTimeMs(e.Row) + UpperMs <= evictThroughMs).ToList())
            {
                if (!matched && Type is JoinType.RightOuter or JoinType.FullOuter) output.Add(Result(default!, row));
            }
            _right.RemoveAll(e => RightTimeMs(e.Row) + UpperMs <= evictThroughMs);
        }
        _leftMax = Math.Max(_leftMax, batchMaxLeft);
        _rightMax = Math.Max(_rightMax, batchMaxRight);
        var candidates = new List<long>();
        if (LeftDelayMs is { } leftDelay) candidates.Add(_leftMax == long.MinValue ? long.MinValue : _leftMax - leftDelay);
        if (RightDelayMs is { } rightDelay) candidates.Add(_rightMax == long.MinValue ? long.MinValue : _rightMax - rightDelay);
        if (candidates.Count > 0) WatermarkMs = Math.Max(WatermarkMs, candidates.Min());
        return output;
    }

    private bool Matches(TLeft l, TRight r)
    {
        var lk = LeftKey(l);
        if (lk is null || !EqualityComparer<TKey>.Default.Equals(lk, RightKey(r))) return false;
        long difference = LeftTimeMs(l) - RightTimeMs(r);
        return difference >= LowerMs && difference <= UpperMs;
    }
}
