using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;
using Compiled.State.Serializers;

namespace Compiled.Joins;

/// <summary>
/// The state of a stream-stream join (Spark's symmetric hash join): both sides' rows, buffered in one state store keyed
/// by entry id and indexed in memory by key, so each new row finds its matches among the other side's buffered rows.
/// The generated plan does the matching and emits; this class keeps the rows and evicts those no future row can match.
/// </summary>
/// <typeparam name="TKey">The join key.</typeparam>
/// <typeparam name="TLeft">The left row type.</typeparam>
/// <typeparam name="TRight">The right row type.</typeparam>
/// <typeparam name="TKeyOps">Generated hashing and equality of the key.</typeparam>
/// <remarks>
/// With a time range <c>left - right</c> in [lower, upper] and batch watermark W, no later right row can match a left row
/// at time t once t - lower &lt;= W (later rows are newer than W), and no later left row a right row at t once
/// t + upper &lt;= W: those rows are evicted at the end of the batch, the unmatched ones written by an outer join then.
/// </remarks>
public sealed class StreamJoin<TKey, TLeft, TRight, TKeyOps>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private readonly IStateStore<long, JoinEntry<TKey, TLeft, TRight>> _store;
    private readonly long _lowerMs;
    private readonly long _upperMs;
    private long _nextId;
    private long _previousWatermarkMs;

    /// <summary>Opens the join's state store and indexes the rows recovered from it, in the order they were buffered.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="operatorId">The operator's id in <see cref="QueryPlanInfo.StateOperators"/>.</param>
    /// <param name="lowerMs">Smallest allowed left time minus right time; <see cref="long.MinValue"/>: left rows are never evicted.</param>
    /// <param name="upperMs">Largest allowed left time minus right time; <see cref="long.MaxValue"/>: right rows are never evicted.</param>
    /// <param name="keySerializer">Serializer of the key when it holds references and is not a string; null for the built-in one.</param>
    /// <param name="leftSerializer">Serializer of the left rows, likewise.</param>
    /// <param name="rightSerializer">Serializer of the right rows, likewise.</param>
    public StreamJoin(PlanContext context, string operatorId, long lowerMs, long upperMs,
        IStateSerializer<TKey>? keySerializer = null, IStateSerializer<TLeft>? leftSerializer = null, IStateSerializer<TRight>? rightSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _lowerMs = lowerMs;
        _upperMs = upperMs;
        _previousWatermarkMs = context.CommittedWatermarkMs;
        Left = new JoinSide<TKey, TLeft, TKeyOps>(lowerMs != long.MinValue);
        Right = new JoinSide<TKey, TRight, TKeyOps>(upperMs != long.MaxValue);
        var serializer = new JoinEntrySerializer<TKey, TLeft, TRight>(
            keySerializer ?? Default<TKey>(), leftSerializer ?? Default<TLeft>(), rightSerializer ?? Default<TRight>());
        _store = context.GetStateStore<long, JoinEntry<TKey, TLeft, TRight>>(operatorId, null, serializer);
        var recovered = new Recovered();
        _store.ForEach(ref recovered);
        recovered.Entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var (id, entry) in recovered.Entries)
        {
            if (entry.IsLeft) Left.Add(id, in entry.Key, in entry.Left, entry.TimeMs, entry.Matched);
            else Right.Add(id, in entry.Key, in entry.Right, entry.TimeMs, entry.Matched);
            _nextId = Math.Max(_nextId, id + 1);
        }
    }

    /// <summary>The buffered left rows.</summary>
    public JoinSide<TKey, TLeft, TKeyOps> Left { get; }

    /// <summary>The buffered right rows.</summary>
    public JoinSide<TKey, TRight, TKeyOps> Right { get; }

    /// <summary>The smallest watermark at which a batch without data would evict a row; <see cref="long.MaxValue"/> when none would.</summary>
    public long DeadlineMs
    {
        get
        {
            long left = Left.MinTimeMs, right = Right.MinTimeMs;
            long leftDeadline = left == long.MaxValue ? long.MaxValue : SaturatingAdd(left, -_lowerMs);
            long rightDeadline = right == long.MaxValue ? long.MaxValue : SaturatingAdd(right, _upperMs);
            return Math.Min(leftDeadline, rightDeadline);
        }
    }

    /// <summary>
    /// The watermark of the joined rows for a stateful operator after the join (Spark 3.5's watermark propagation): no
    /// joined row written in a batch at input watermark <paramref name="watermarkMs"/> or later is at or behind it. Each
    /// side of a pair was new in its batch (newer than W when its input is watermarked) or survived the eviction at the
    /// previous watermark W (a left row newer than W + lower, a right row newer than W - upper), and the range bounds each
    /// side by the other (left &gt;= right + lower, right &gt;= left - upper): so both are newer than
    /// W + min(lower, 0) + min(-upper, 0). Without both bounds rows are never evicted and no such bound exists: the input
    /// watermark is used, as in Spark, and older joined rows are late downstream.
    /// </summary>
    public long OutputWatermarkMs(long watermarkMs) =>
        watermarkMs == long.MinValue || !Bounded ? watermarkMs : SaturatingAdd(watermarkMs, -Lag);

    /// <summary>The smallest input watermark whose <see cref="OutputWatermarkMs"/> reaches <paramref name="outputMs"/>: a downstream deadline in input terms.</summary>
    public long InputWatermarkReaching(long outputMs) =>
        outputMs is long.MaxValue or long.MinValue || !Bounded ? outputMs : SaturatingAdd(outputMs, Lag);

    /// <summary>How far the output watermark trails the input one, with both bounds: -(min(lower, 0) + min(-upper, 0)).</summary>
    private long Lag => -(Math.Min(_lowerMs, 0) + Math.Min(-_upperMs, 0));

    /// <summary>
    /// Joined rows at or behind this are late for the operator after the join: the output watermark of the previous batch's
    /// watermark, whose eviction the buffered rows survived (so, with a range, no joined row is ever late).
    /// </summary>
    public long LateThroughMs => OutputWatermarkMs(_previousWatermarkMs);

    /// <summary>Records the watermark this batch evicted with; the next batch's <see cref="LateThroughMs"/> follows from it.</summary>
    public void EndBatch(long watermarkMs) => _previousWatermarkMs = watermarkMs;

    private bool Bounded => _lowerMs != long.MinValue && _upperMs != long.MaxValue;

    /// <summary>Buffers a left row (<paramref name="matched"/> when it already found a right row).</summary>
    public void AddLeft(in TKey key, in TLeft row, long timeMs, bool matched)
    {
        long id = _nextId++;
        Left.Add(id, in key, in row, timeMs, matched);
        _store.Put(id, new JoinEntry<TKey, TLeft, TRight> { IsLeft = true, Matched = matched, TimeMs = timeMs, Key = key, Left = row }, exists: false);
    }

    /// <summary>Buffers a right row.</summary>
    public void AddRight(in TKey key, in TRight row, long timeMs, bool matched)
    {
        long id = _nextId++;
        Right.Add(id, in key, in row, timeMs, matched);
        _store.Put(id, new JoinEntry<TKey, TLeft, TRight> { IsLeft = false, Matched = matched, TimeMs = timeMs, Key = key, Right = row }, exists: false);
    }

    /// <summary>Records that the left row in <paramref name="slot"/> has matched (once; later calls write nothing).</summary>
    public void MarkLeftMatched(int slot)
    {
        if (Left.IsMatched(slot)) return;
        Left.SetMatched(slot);
        _store.Put(Left.IdAt(slot), new JoinEntry<TKey, TLeft, TRight>
        {
            IsLeft = true, Matched = true, TimeMs = Left.TimeAt(slot), Key = Left.KeyAt(slot), Left = Left.Row(slot),
        }, exists: true);
    }

    /// <summary>Records that the right row in <paramref name="slot"/> has matched.</summary>
    public void MarkRightMatched(int slot)
    {
        if (Right.IsMatched(slot)) return;
        Right.SetMatched(slot);
        _store.Put(Right.IdAt(slot), new JoinEntry<TKey, TLeft, TRight>
        {
            IsLeft = false, Matched = true, TimeMs = Right.TimeAt(slot), Key = Right.KeyAt(slot), Right = Right.Row(slot),
        }, exists: true);
    }

    /// <summary>
    /// Takes out the next left row no future right row can match under watermark <paramref name="watermarkMs"/>;
    /// false when none is left. The caller writes it when unmatched and the join keeps left rows.
    /// </summary>
    public bool TryEvictLeft(long watermarkMs, out TLeft row, out bool matched)
    {
        if (watermarkMs != long.MinValue && _lowerMs != long.MinValue && Left.TryTakeExpired(SaturatingAdd(watermarkMs, _lowerMs), out int slot))
        {
            row = Left.Row(slot);
            matched = Left.IsMatched(slot);
            _store.RemoveLive(Left.IdAt(slot));
            Left.Remove(slot);
            return true;
        }
        row = default!;
        matched = false;
        return false;
    }

    /// <summary>Takes out the next right row no future left row can match; see <see cref="TryEvictLeft"/>.</summary>
    public bool TryEvictRight(long watermarkMs, out TRight row, out bool matched)
    {
        if (watermarkMs != long.MinValue && _upperMs != long.MaxValue && Right.TryTakeExpired(SaturatingAdd(watermarkMs, -_upperMs), out int slot))
        {
            row = Right.Row(slot);
            matched = Right.IsMatched(slot);
            _store.RemoveLive(Right.IdAt(slot));
            Right.Remove(slot);
            return true;
        }
        row = default!;
        matched = false;
        return false;
    }

    private static long SaturatingAdd(long a, long b)
    {
        long sum = unchecked(a + b);
        // Overflow when both operands have the same sign and the sum's sign differs.
        if (((a ^ sum) & (b ^ sum)) < 0) return a < 0 ? long.MinValue : long.MaxValue;
        return sum;
    }

    private static IStateSerializer<T> Default<T>() =>
        StateSerializers.Default<T>()
        ?? throw new ArgumentException($"Join state of type '{typeof(T)}' needs a serializer; the generator writes one for records, tuples and structs.");

    private struct Recovered : IStateVisitor<long, JoinEntry<TKey, TLeft, TRight>>
    {
        public Recovered() => Entries = [];

        public List<(long Id, JoinEntry<TKey, TLeft, TRight> Entry)> Entries { get; }

        public readonly void Visit(in long key, in JoinEntry<TKey, TLeft, TRight> value) => Entries.Add((key, value));
    }
}
