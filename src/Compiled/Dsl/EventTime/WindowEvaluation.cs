using Compiled.Windows;

namespace Compiled;

/// <summary>
/// How <see cref="LogicalPlan"/>'s reference evaluation gives the window functions that depend on more than one row
/// (sliding, session) and on the batch (processing time) their values, with batch-query semantics (every row counts).
/// </summary>
/// <remarks>
/// A key selector is ordinary code calling <c>Window.Sliding</c> or <c>Window.Session</c>, so the grouping calls it more
/// than once per row and tells the window function, through thread-static state, which answer to give: the i-th sliding
/// window of the row, or a placeholder session (to find the other key parts), then the row's merged session.
/// </remarks>
internal static class WindowEvaluation
{
    [ThreadStatic] private static Mode s_mode;
    [ThreadStatic] private static int s_slidingIndex;
    [ThreadStatic] private static int s_slidingCount;
    [ThreadStatic] private static long s_sessionStart;
    [ThreadStatic] private static long s_sessionEnd;
    [ThreadStatic] private static bool s_usedSliding;
    [ThreadStatic] private static bool s_usedSession;
    [ThreadStatic] private static DateTime? s_processingTime;

    private enum Mode
    {
        None,
        Probe,
        Sliding,
        Session,
    }

    /// <summary>The trigger time of the batch being evaluated.</summary>
    internal static DateTime CurrentProcessingTime =>
        s_processingTime ?? throw new NotSupportedException("Window.ProcessingTime has a value only inside a running query (or a reference evaluation given a batch time).");

    /// <summary>Makes <see cref="Window.ProcessingTime"/> return <paramref name="batchTime"/> on this thread until disposed.</summary>
    internal static IDisposable UseProcessingTime(DateTime batchTime)
    {
        s_processingTime = DateTime.SpecifyKind(batchTime, DateTimeKind.Utc);
        return new ProcessingTimeScope();
    }

    internal static TimeWindow Sliding(long timeMs, long sizeMs, long slideMs, long offsetMs)
    {
        if (s_mode is not (Mode.Probe or Mode.Sliding))
            throw new NotSupportedException("A sliding window is expanded by the aggregation that groups by it.");
        // The windows holding the time, latest start first (none when the slide is longer than the size and the time falls between).
        long lastStart = WindowMath.AlignedStart(timeMs, slideMs, offsetMs);
        int count = 0;
        for (long s = lastStart; s > timeMs - sizeMs; s -= slideMs) count++;
        s_slidingCount = count;
        s_usedSliding = true;
        long start = lastStart - s_slidingIndex * slideMs;
        return TimeWindow.FromUnixMs(start, start + sizeMs);
    }

    internal static TimeWindow Session(long timeMs, long gapMs)
    {
        switch (s_mode)
        {
            case Mode.Probe:
                s_usedSession = true;
                s_sessionStart = timeMs;
                s_sessionEnd = gapMs > 0 ? timeMs + gapMs : long.MinValue;
                return default;
            case Mode.Session:
                return TimeWindow.FromUnixMs(s_sessionStart, s_sessionEnd);
            default:
                throw new NotSupportedException("A session window is computed by the aggregation that groups by it.");
        }
    }

    /// <summary>
    /// Groups <paramref name="rows"/> by <paramref name="keySelector"/> as a batch query would: a row goes to each sliding
    /// window holding it, and session windows are the merged spans [time, time + gap) of the rows with equal other key
    /// parts; rows with a session gap of zero or less are dropped. Groups come in first-seen order.
    /// </summary>
    internal static IEnumerable<(TKey Key, List<T> Rows)> GroupBy<TKey, T>(IEnumerable<T> rows, Func<T, TKey> keySelector)
    {
        var probed = new List<(T Row, TKey Key, bool Sliding, bool Session, long Start, long End, int Count)>();
        foreach (T row in rows)
        {
            s_mode = Mode.Probe;
            s_usedSliding = false;
            s_usedSession = false;
            s_slidingIndex = 0;
            s_slidingCount = 0;
            s_sessionEnd = 0;
            try
            {
                TKey key = keySelector(row);
                probed.Add((row, key, s_usedSliding, s_usedSession, s_sessionStart, s_sessionEnd, s_slidingCount));
            }
            finally
            {
                s_mode = Mode.None;
            }
        }

        var sessions = SessionsOf(probed.Where(p => p.Session && p.End != long.MinValue).Select(p => (p.Key, p.Start, p.End)));
        var groups = new Dictionary<KeyBox<TKey>, List<T>>();
        var order = new List<KeyBox<TKey>>();
        void Add(TKey key, T row)
        {
            var box = new KeyBox<TKey>(key);
            if (!groups.TryGetValue(box, out List<T>? members))
            {
                groups[box] = members = [];
                order.Add(box);
            }
            members.Add(row);
        }

        foreach (var p in probed)
        {
            if (p.Sliding)
            {
                for (int i = 0; i < p.Count; i++) Add(Evaluate(keySelector, p.Row, Mode.Sliding, i, 0, 0), p.Row);
            }
            else if (p.Session)
            {
                if (p.End == long.MinValue) continue;
                var (start, end) = sessions[new KeyBox<TKey>(p.Key)].First(s => s.Start <= p.Start && p.Start < s.End);
                Add(Evaluate(keySelector, p.Row, Mode.Session, 0, start, end), p.Row);
            }
            else
            {
                Add(p.Key, p.Row);
            }
        }
        foreach (var box in order) yield return (box.Key, groups[box]);
    }

    private static TKey Evaluate<TKey, T>(Func<T, TKey> keySelector, T row, Mode mode, int slidingIndex, long sessionStart, long sessionEnd)
    {
        s_mode = mode;
        s_slidingIndex = slidingIndex;
        s_sessionStart = sessionStart;
        s_sessionEnd = sessionEnd;
        try
        {
            return keySelector(row);
        }
        finally
        {
            s_mode = Mode.None;
        }
    }

    /// <summary>Per other key parts (the key with a placeholder session), the merged sessions of the spans.</summary>
    private static Dictionary<KeyBox<TKey>, List<(long Start, long End)>> SessionsOf<TKey>(IEnumerable<(TKey Key, long Start, long End)> spans)
    {
        var result = new Dictionary<KeyBox<TKey>, List<(long Start, long End)>>();
        foreach (var group in spans.GroupBy(s => new KeyBox<TKey>(s.Key)))
        {
            var merged = new List<(long Start, long End)>();
            foreach (var (_, start, end) in group.OrderBy(s => s.Start))
            {
                if (merged.Count > 0 && start < merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
                else merged.Add((start, end));
            }
            result[group.Key] = merged;
        }
        return result;
    }

    /// <summary>A key that may be null, usable as a dictionary key.</summary>
    private readonly record struct KeyBox<TKey>(TKey Key);

    private sealed class ProcessingTimeScope : IDisposable
    {
        public void Dispose() => s_processingTime = null;
    }
}
