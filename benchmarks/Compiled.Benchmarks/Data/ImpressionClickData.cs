namespace Compiled.Benchmarks.Data;

/// <summary>
/// Generates J1's data (issue 8 §7, the impressions/clicks shape of Spark's stream-stream join example): impressions every
/// 10 ms of event time, half of them clicked once within 20 minutes (three in four of those within the join's 15), and
/// the clicks in time order.
/// </summary>
internal static class ImpressionClickData
{
    /// <summary>Rows of both inputs together, by default.</summary>
    public const int Rows = 10_000_000;

    /// <summary>Event time between two impressions.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(10);

    /// <summary>The join's range: a click counts within this long after its impression.</summary>
    public static readonly TimeSpan Range = TimeSpan.FromMinutes(15);

    /// <summary>The watermark delay of both inputs.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMinutes(30);

    /// <summary>The first impression's time.</summary>
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly long ClickSpreadTicks = TimeSpan.FromMinutes(20).Ticks;

    /// <summary>About <paramref name="rows"/> rows in all: two impressions for each click, drawn from <c>new Random(42)</c>.</summary>
    public static (Impression[] Impressions, Click[] Clicks) Generate(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var random = new Random(WorkloadSizes.Seed);
        var impressions = GC.AllocateUninitializedArray<Impression>((int)(rows * 2L / 3));
        var clicks = new List<Click>(impressions.Length / 2 + 1);
        for (int i = 0; i < impressions.Length; i++)
        {
            DateTime time = Start + Spacing * i;
            impressions[i] = new Impression(i, time);
            if (random.Next(2) == 0) clicks.Add(new Click(i, time.AddTicks(random.NextInt64(ClickSpreadTicks))));
        }
        Click[] sorted = clicks.ToArray();
        Array.Sort(sorted, static (a, b) => a.Time.CompareTo(b.Time));
        return (impressions, sorted);
    }

    /// <summary>
    /// Splits both inputs into batches of event time: batch b holds the impressions [b·n, (b+1)·n) for
    /// n = two thirds of <paramref name="batchRows"/>, and the clicks up to the next batch's first impression time.
    /// </summary>
    /// <returns>The end of each batch in each input (exclusive).</returns>
    public static (int Impressions, int Clicks)[] Batches(Impression[] impressions, Click[] clicks, int batchRows)
    {
        int perBatch = Math.Max(1, (int)(batchRows * 2L / 3));
        var ends = new List<(int, int)>();
        int click = 0;
        for (int start = 0; start < impressions.Length; start += perBatch)
        {
            int end = Math.Min(impressions.Length, start + perBatch);
            bool last = end == impressions.Length;
            while (click < clicks.Length && (last || clicks[click].Time < impressions[end].Time)) click++;
            ends.Add((end, click));
        }
        return ends.ToArray();
    }
}
