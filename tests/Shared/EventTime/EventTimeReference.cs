namespace Compiled.Testing.EventTime;

/// <summary>
/// A reference interpreter of Spark's event-time semantics for one windowed aggregation, written from the rules in
/// docs/event-time.md and nothing of the runtime: every batch recomputes every window from all rows counted so far
/// (no incremental state, no panes, no eviction index), then applies the output mode.
/// </summary>
/// <remarks>
/// Rules: batch N runs with the watermark computed after batch N−1 (max event time seen − delay, never moving back); a row
/// at or behind it is late and never counted (except in Complete mode); Append emits a window in the first batch whose
/// watermark is at or past its end; Update emits the windows holding a row counted in this batch; Complete emits every
/// window. After a batch with data, a batch without data follows when the watermark moved and some open window ends at or
/// before it (Append and Update).
/// </remarks>
public static class EventTimeReference
{
    /// <summary>Runs <paramref name="query"/> over <paramref name="batches"/> (one data batch each, in order).</summary>
    /// <param name="query">The query.</param>
    /// <param name="batches">The rows of each data batch.</param>
    /// <param name="batchTimestampsMs">Trigger time of each data batch (processing-time windows); a no-data batch reuses its data batch's time.</param>
    public static IReadOnlyList<ReferenceBatch<TRow, TOut>> Run<TRow, TKey, TOut>(
        ReferenceQuery<TRow, TKey, TOut> query,
        IReadOnlyList<IReadOnlyList<TRow>> batches,
        IReadOnlyList<long>? batchTimestampsMs = null)
    {
        var run = new Interpreter<TRow, TKey, TOut>(query);
        for (int i = 0; i < batches.Count; i++)
        {
            long timestamp = batchTimestampsMs?[i] ?? 0;
            run.Batch(batches[i], timestamp, noData: false);
            if (run.NoDataBatchDue()) run.Batch([], timestamp, noData: true);
        }
        return run.Results;
    }

    /// <summary>
    /// Runs <paramref name="second"/> over what <paramref name="first"/> emits, as Spark 3.5 chains two window
    /// aggregations in Append mode, over the batches a run executed (an empty batch is a batch without data): both close
    /// windows by the query's watermark (the first's); a row the first emits is late for the second when it is at or
    /// behind the previous batch's watermark (Spark's watermark for late events, SPARK-40925).
    /// </summary>
    /// <param name="first">The first aggregation.</param>
    /// <param name="second">The aggregation over the first one's output rows.</param>
    /// <param name="batches">The rows of each batch, in order; none for a batch without data.</param>
    /// <param name="between">Which of the first one's rows reach the second (a filter between them); null: all.</param>
    /// <returns>Each batch's output of the second, and whether another batch without data is due after the last one.</returns>
    public static (IReadOnlyList<ReferenceBatch<TMid, TOut>> Batches, bool NoDataBatchDue) RunChained<TRow, TKey, TMid, TKey2, TOut>(
        ReferenceQuery<TRow, TKey, TMid> first,
        ReferenceQuery<TMid, TKey2, TOut> second,
        IReadOnlyList<IReadOnlyList<TRow>> batches,
        Func<TMid, bool>? between = null)
    {
        var upstream = new Interpreter<TRow, TKey, TMid>(first);
        var downstream = new Interpreter<TMid, TKey2, TOut>(second);
        foreach (var rows in batches)
        {
            long watermark = upstream.Watermark;
            long lateThrough = upstream.LastBatchWatermark;
            upstream.Batch(rows, 0, noData: rows.Count == 0);
            var emitted = upstream.Results[^1].Output;
            downstream.Batch(between is null ? emitted : emitted.Where(between).ToList(), rows.Count == 0, watermark, lateThrough);
        }
        bool due = upstream.NoDataBatchDue() || downstream.ClosesBetween(upstream.LastBatchWatermark, upstream.Watermark);
        return (downstream.Results, due);
    }

    /// <summary>The windows [start, end) a row at <paramref name="timeMs"/> belongs to, for tumbling and sliding windows.</summary>
    public static IEnumerable<(long Start, long End)> WindowsOf(ReferenceWindow window, long timeMs)
    {
        (long size, long slide, long offset) = window switch
        {
            ReferenceWindow.Tumbling t => (t.SizeMs, t.SizeMs, t.OffsetMs),
            ReferenceWindow.Sliding s => (s.SizeMs, s.SlideMs, s.OffsetMs),
            _ => throw new ArgumentException("Session windows depend on the other rows.", nameof(window)),
        };
        // Every start offset + k·slide with start <= time < start + size, found by walking k from the largest such start.
        long k = FloorDiv(timeMs - offset, slide);
        for (long start = offset + k * slide; start + size > timeMs; start -= slide) yield return (start, start + size);
    }

    /// <summary>The query's watermark from each input's watermark (null: the input declares none), by Spark's policy.</summary>
    public static long Combine(IReadOnlyList<long?> inputWatermarksMs, MultipleWatermarkPolicy policy)
    {
        var declared = inputWatermarksMs.Where(w => w.HasValue).Select(w => w!.Value).ToList();
        if (declared.Count == 0) return long.MinValue;
        return policy == MultipleWatermarkPolicy.Min ? declared.Min() : declared.Max();
    }

    private static long FloorDiv(long value, long divisor) => (long)Math.Floor((decimal)value / divisor);

    private sealed class Interpreter<TRow, TKey, TOut>(ReferenceQuery<TRow, TKey, TOut> query)
    {
        private readonly List<Counted> _counted = [];
        private readonly HashSet<(long, long, TKey)> _emitted = [];
        private long _watermark = long.MinValue;
        private long _lastBatchWatermark = long.MinValue;

        public List<ReferenceBatch<TRow, TOut>> Results { get; } = [];

        /// <summary>The watermark the next batch runs with.</summary>
        public long Watermark => _watermark;

        /// <summary>The watermark the last batch ran with.</summary>
        public long LastBatchWatermark => _lastBatchWatermark;

        public void Batch(IReadOnlyList<TRow> rows, long timestampMs, bool noData)
        {
            long watermark = query.EventTimeMs is null ? timestampMs : _watermark;
            Batch(rows, noData, watermark, watermark, timestampMs);
        }

        /// <summary>A batch that closes windows by <paramref name="watermark"/> and drops rows at or behind <paramref name="lateThrough"/>.</summary>
        public void Batch(IReadOnlyList<TRow> rows, bool noData, long watermark, long lateThrough, long timestampMs = 0)
        {
            int batch = Results.Count;
            bool processingTime = query.EventTimeMs is null;
            var late = new List<TRow>();
            long max = long.MinValue;
            foreach (TRow row in rows)
            {
                long time = processingTime ? timestampMs : query.EventTimeMs!(row);
                max = Math.Max(max, time);
                bool isLate = query.AtOrBefore is { } atOrBefore ? atOrBefore(row, lateThrough) : time <= lateThrough;
                if (!processingTime && query.Mode != OutputMode.Complete && isLate) late.Add(row);
                else _counted.Add(new Counted(row, time, batch, _counted.Count));
            }

            var windows = Windows();
            var output = new List<TOut>();
            foreach (var ((start, end, key), members) in windows)
            {
                bool emit = query.Mode switch
                {
                    OutputMode.Complete => true,
                    OutputMode.Update => members.Any(m => m.Batch == batch),
                    _ => end <= watermark && _emitted.Add((start, end, key)),
                };
                if (emit) output.Add(query.Result(start, end, key, members.Select(m => m.Row).ToList()));
            }
            int open = query.Mode == OutputMode.Complete ? windows.Count : windows.Keys.Count(w => w.End > watermark);
            int updated = windows.Values.Count(members => members.Any(m => m.Batch == batch));
            // Closed now: open after the previous batch (its end past that batch's watermark), at or behind this one's.
            int removed = query.Mode == OutputMode.Complete ? 0
                : windows.Keys.Count(w => w.End <= watermark && w.End > _lastBatchWatermark);

            _lastBatchWatermark = watermark;
            if (!processingTime && max != long.MinValue) _watermark = Math.Max(_watermark, max - query.DelayMs);
            Results.Add(new ReferenceBatch<TRow, TOut>(batch, watermark, noData, output, late, open, _watermark, updated, removed));
        }

        public bool NoDataBatchDue()
        {
            if (!query.NoDataBatches || query.Mode == OutputMode.Complete || query.EventTimeMs is null) return false;
            if (_watermark == long.MinValue || _watermark <= _lastBatchWatermark) return false;
            return ClosesBetween(_lastBatchWatermark, _watermark);
        }

        /// <summary>True when a window ends after <paramref name="from"/> and at or before <paramref name="to"/>.</summary>
        public bool ClosesBetween(long from, long to) => to > from && Windows().Keys.Any(w => w.End > from && w.End <= to);

        /// <summary>Every window of the counted rows, with its rows in arrival order.</summary>
        private Dictionary<(long Start, long End, TKey Key), List<Counted>> Windows()
        {
            var windows = new Dictionary<(long, long, TKey), List<Counted>>();
            if (query.Window is ReferenceWindow.Session or ReferenceWindow.SessionPerRow)
            {
                foreach (var group in _counted.GroupBy(r => query.Key(r.Row)))
                {
                    // Each row spans [time, time + gap); overlapping spans, taken in time order, form one session.
                    var spans = group.Select(r => (Row: r, End: r.Time + Gap(r.Row))).Where(s => s.End > s.Row.Time).OrderBy(s => s.Row.Time).ToList();
                    int i = 0;
                    while (i < spans.Count)
                    {
                        long start = spans[i].Row.Time;
                        long end = spans[i].End;
                        int j = i + 1;
                        while (j < spans.Count && spans[j].Row.Time < end) end = Math.Max(end, spans[j++].End);
                        windows[(start, end, group.Key)] = spans.Skip(i).Take(j - i).Select(s => s.Row).OrderBy(r => r.Seq).ToList();
                        i = j;
                    }
                }
                return windows;
            }
            foreach (Counted row in _counted)
            {
                foreach (var (start, end) in WindowsOf(query.Window, row.Time))
                {
                    var window = (start, end, query.Key(row.Row));
                    if (!windows.TryGetValue(window, out var members)) windows[window] = members = [];
                    members.Add(row);
                }
            }
            return windows;
        }

        private long Gap(TRow row) => query.Window switch
        {
            ReferenceWindow.Session s => s.GapMs,
            ReferenceWindow.SessionPerRow p => p.GapMs(row!),
            _ => throw new InvalidOperationException("Not a session window."),
        };

        /// <summary>A counted row: its event time, the batch that counted it and its arrival number.</summary>
        private sealed record Counted(TRow Row, long Time, int Batch, int Seq);
    }
}
