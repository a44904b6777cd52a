using System.Runtime.InteropServices;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.Sliding;

/// <summary>
/// The sliding-window reference: windows of <paramref name="panesPerWindow"/> slides, counted per key over panes (one
/// slide each). Each event updates one pane's Dictionary; when the events move to a new pane, every window whose last
/// pane is complete is emitted by adding up its panes. A ring of the last <paramref name="panesPerWindow"/> panes holds
/// everything an open window still needs.
/// </summary>
internal sealed class SlidingPaneLoop(Ev[] events, int panesPerWindow) : Variant("Hand-written loop (panes, Dictionary)")
{
    private const long Slide = WorkloadSizes.W2bWindowMs;
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        int k = panesPerWindow;
        var panes = new Dictionary<int, long>[k];
        var paneIds = new long[k];
        for (int i = 0; i < k; i++) (panes[i], paneIds[i]) = (new Dictionary<int, long>(), long.MinValue);
        var window = new Dictionary<int, long>();
        var digest = new WindowDigest();
        long current = long.MinValue;
        Dictionary<int, long> pane = panes[0];
        foreach (ref readonly Ev e in events.AsSpan())
        {
            long id = e.Time / Slide;
            if (id != current)
            {
                if (current != long.MinValue) EmitWindows(panes, paneIds, window, current, id, ref digest);
                current = id;
                int slot = (int)(id % k);
                if (paneIds[slot] != id) (paneIds[slot], panes[slot]) = (id, Cleared(panes[slot]));
                pane = panes[slot];
            }
            CollectionsMarshal.GetValueRefOrAddDefault(pane, e.Key, out _)++;
        }
        // The windows holding the last pane stay open: the watermark (the last event's time) has not passed their end.
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;

    /// <summary>
    /// Emits the windows that end within panes [<paramref name="last"/>, <paramref name="next"/>): window w covers panes
    /// w .. w+k-1, so those are w in [last-k+1, min(last, next-k)].
    /// </summary>
    private void EmitWindows(Dictionary<int, long>[] panes, long[] paneIds, Dictionary<int, long> window, long last, long next, ref WindowDigest digest)
    {
        int k = panesPerWindow;
        for (long w = last - k + 1; w <= Math.Min(last, next - k); w++)
        {
            for (long p = w; p <= Math.Min(w + k - 1, last); p++)
            {
                int slot = (int)(((p % k) + k) % k);
                if (paneIds[slot] != p) continue;
                foreach (var (key, count) in panes[slot]) CollectionsMarshal.GetValueRefOrAddDefault(window, key, out _) += count;
            }
            foreach (var (key, count) in window) digest.Add(w * Slide, key, count, 0);
            window.Clear();
        }
    }

    private static Dictionary<int, long> Cleared(Dictionary<int, long> pane)
    {
        pane.Clear();
        return pane;
    }
}
