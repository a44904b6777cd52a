namespace Compiled.EndToEnd.Tests.Support;

/// <summary>The window kinds the reference knows.</summary>
internal enum WindowShape
{
    Tumbling,
    Sliding,
    Session,
}

/// <summary>
/// Spark's event-time rules for one windowed aggregation, written out plainly (spark-semantics §2, §6.1–6.2) to check the
/// compiled queries against: batch by batch, the watermark in force is the largest event time of the earlier batches
/// minus the delay; outside Complete mode a row at or behind it is dropped; windows are aligned to the epoch plus the
/// offset, sliding windows hold every row within them, sessions merge rows less than a gap apart; Append emits a window
/// once its end is at or behind the watermark, Update the windows the batch's rows fell in, Complete every window.
/// </summary>
/// <remarks>
/// It keeps every row that counted and recomputes windows from them, which is slow and obviously right: a window that
/// was closed can never receive a row again (its end is at or behind the watermark, and so is any row that would fall
/// in it), so recomputing never changes a closed window.
/// </remarks>
internal sealed class WindowReference<TRow, TKey>(
    Func<TRow, DateTime> time,
    Func<TRow, TKey> key,
    WindowShape kind,
    TimeSpan size,
    TimeSpan slide,
    TimeSpan offset,
    TimeSpan delay,
    OutputMode mode)
    where TKey : notnull
{
    private readonly List<TRow> _kept = [];
    private readonly HashSet<(DateTime Start, DateTime End, TKey Key)> _emitted = [];
    private DateTime? _maxTime;

    /// <summary>Rows at or behind the watermark so far: dropped, except in Complete mode, which keeps every row.</summary>
    public int Late { get; private set; }

    /// <summary>The other key parts of a row.</summary>
    public Func<TRow, TKey> KeyOf => key;

    /// <summary>The output mode the reference follows.</summary>
    public OutputMode Mode => mode;

    /// <summary>The watermark the next batch runs with; null before any row.</summary>
    public DateTime? Watermark => _maxTime - delay;

    /// <summary>Runs one batch (no rows for a batch without data) and returns what it emits: window, key and the window's rows.</summary>
    /// <remarks>Update mode is not defined for sessions (Spark rejects it: a later row can merge sessions already emitted).</remarks>
    public List<(DateTime Start, DateTime End, TKey Key, List<TRow> Rows)> Batch(IReadOnlyList<TRow> rows)
    {
        if (kind == WindowShape.Session && mode == OutputMode.Update) throw new NotSupportedException("Session windows have no Update mode.");
        DateTime? watermark = Watermark;
        var touched = new HashSet<(DateTime, DateTime, TKey)>();
        DateTime? batchMax = null;
        foreach (var row in rows)
        {
            DateTime t = time(row);
            if (batchMax is null || t > batchMax) batchMax = t;
            if (t <= watermark)
            {
                Late++;
                if (mode != OutputMode.Complete) continue;
            }
            _kept.Add(row);
            foreach (var (start, end) in Windows(t)) touched.Add((start, end, key(row)));
        }

        var windows = AllWindows();
        var emitted = new List<(DateTime, DateTime, TKey, List<TRow>)>();
        foreach (var ((start, end, k), members) in windows)
        {
            bool emit = mode switch
            {
                OutputMode.Complete => true,
                OutputMode.Update => touched.Contains((start, end, k)),
                _ => end <= watermark && _emitted.Add((start, end, k)),
            };
            if (emit) emitted.Add((start, end, k, members));
        }
        if (batchMax is not null && (_maxTime is null || batchMax > _maxTime)) _maxTime = batchMax;
        return emitted;
    }

    /// <summary>The windows a row at <paramref name="t"/> belongs to (sessions: its own one-row extent).</summary>
    private IEnumerable<(DateTime Start, DateTime End)> Windows(DateTime t)
    {
        switch (kind)
        {
            case WindowShape.Tumbling:
                var start = AlignedStart(t, size);
                yield return (start, start + size);
                break;
            case WindowShape.Sliding:
                for (var s = AlignedStart(t, slide); s > t - size; s -= slide) yield return (s, s + size);
                break;
            default:
                yield return (t, t + size);
                break;
        }
    }

    /// <summary>Every window over the kept rows, by key: sessions merged, each window with its rows in arrival order.</summary>
    private SortedList<(DateTime Start, DateTime End, TKey Key), List<TRow>> AllWindows()
    {
        var windows = new SortedList<(DateTime, DateTime, TKey), List<TRow>>();
        if (kind != WindowShape.Session)
        {
            foreach (var row in _kept)
            {
                foreach (var (start, end) in Windows(time(row)))
                {
                    var id = (start, end, key(row));
                    if (!windows.TryGetValue(id, out var members)) windows.Add(id, members = []);
                    members.Add(row);
                }
            }
            return windows;
        }
        foreach (var group in _kept.GroupBy(key))
        {
            // Sort by time; a row less than the gap after the session's current end joins it.
            var ordered = group.OrderBy(time).ToList();
            int first = 0;
            while (first < ordered.Count)
            {
                DateTime start = time(ordered[first]), end = start + size;
                int last = first + 1;
                while (last < ordered.Count && time(ordered[last]) < end)
                {
                    var next = time(ordered[last]) + size;
                    if (next > end) end = next;
                    last++;
                }
                windows.Add((start, end, group.Key), ordered.GetRange(first, last - first));
                first = last;
            }
        }
        return windows;
    }

    private DateTime AlignedStart(DateTime t, TimeSpan length)
    {
        long ticks = t.Ticks - offset.Ticks;
        long mod = ((ticks % length.Ticks) + length.Ticks) % length.Ticks;
        return new DateTime(t.Ticks - mod, DateTimeKind.Utc);
    }
}
