using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.J1;

/// <summary>
/// J1's reference: the two-sided buffer join a performance engineer would write for this data, batch by batch with the
/// same batches as the plan: each side buffered in a Dictionary by impression id (ids are unique on each side in J1's
/// data), each batch's impressions probed against the buffered clicks and each click against every buffered impression,
/// and after the batch both buffers evicted in time order (a queue per side) by the same watermark and range the query
/// uses: the minimum over both inputs of the largest time seen minus 30 minutes.
/// </summary>
internal sealed class J1HandJoin(Impression[] impressions, Click[] clicks, (int Impressions, int Clicks)[] ends)
    : Variant("Hand-written loop (Dictionary buffers)")
{
    private static readonly long RangeTicks = ImpressionClickData.Range.Ticks;
    private static readonly long DelayTicks = ImpressionClickData.Delay.Ticks;

    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var shown = new Dictionary<long, long>();
        var clicked = new Dictionary<long, long>();
        var shownOrder = new Queue<(long Ticks, long Id)>();
        var clickedOrder = new Queue<(long Ticks, long Id)>();
        long watermark = long.MinValue, maxShown = long.MinValue, maxClicked = long.MinValue;
        long pairs = 0, digest = 0;
        int impressionStart = 0, clickStart = 0;
        foreach ((int impressionEnd, int clickEnd) in ends)
        {
            foreach (ref readonly Impression impression in impressions.AsSpan(impressionStart..impressionEnd))
            {
                long time = impression.Time.Ticks;
                if (time <= watermark) continue; // late: dropped, as the query drops it
                maxShown = Math.Max(maxShown, time);
                shown[impression.ImpressionId] = time;
                shownOrder.Enqueue((time, impression.ImpressionId));
                if (clicked.TryGetValue(impression.ImpressionId, out long clickTime) && clickTime >= time && clickTime <= time + RangeTicks)
                {
                    pairs++;
                    digest += Workloads.Checksum.PairTerm(impression.ImpressionId, new DateTime(clickTime, DateTimeKind.Utc));
                }
            }
            foreach (ref readonly Click click in clicks.AsSpan(clickStart..clickEnd))
            {
                long time = click.Time.Ticks;
                if (time <= watermark) continue;
                maxClicked = Math.Max(maxClicked, time);
                if (shown.TryGetValue(click.ImpressionId, out long shownTime) && time >= shownTime && time <= shownTime + RangeTicks)
                {
                    pairs++;
                    digest += Workloads.Checksum.PairTerm(click.ImpressionId, click.Time);
                }
                clicked[click.ImpressionId] = time;
                clickedOrder.Enqueue((time, click.ImpressionId));
            }
            (impressionStart, clickStart) = (impressionEnd, clickEnd);

            // The next batch's watermark; an impression at or before watermark - range can match no later click, and a
            // click at or before the watermark no later impression.
            if (maxShown != long.MinValue && maxClicked != long.MinValue)
                watermark = Math.Max(watermark, Math.Min(maxShown, maxClicked) - DelayTicks);
            while (shownOrder.TryPeek(out var oldest) && oldest.Ticks <= watermark - RangeTicks)
            {
                shownOrder.Dequeue();
                shown.Remove(oldest.Id);
            }
            while (clickedOrder.TryPeek(out var oldest) && oldest.Ticks <= watermark)
            {
                clickedOrder.Dequeue();
                clicked.Remove(oldest.Id);
            }
        }
        _checksum = new Checksum(pairs, pairs, digest);
        return pairs;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;
}
