namespace Compiled.Benchmarks.Data;

/// <summary>Generates W4's data (benchmarks.md): ad events in time order and the 100-campaign x 10-ad table.</summary>
internal static class AdEventData
{
    /// <summary>Campaigns in the static table.</summary>
    public const int Campaigns = 100;

    /// <summary>Ads per campaign.</summary>
    public const int AdsPerCampaign = 10;

    /// <summary>Ads in all.</summary>
    public const int Ads = Campaigns * AdsPerCampaign;

    /// <summary>The event type W4 keeps.</summary>
    public const byte View = 0;

    /// <summary>W4's window: 10 s tumbling.</summary>
    public const long WindowMs = 10_000;

    /// <summary>W4's watermark delay: 1 s.</summary>
    public const long DelayMs = 1_000;

    /// <summary>Events per millisecond of event time (so 20M events span 10,000 s: 1,000 windows).</summary>
    public const int EventsPerMs = 2;

    /// <summary>The ad to campaign table: ad a belongs to campaign a / 10.</summary>
    public static AdCampaign[] Table() =>
        Enumerable.Range(0, Ads).Select(ad => new AdCampaign(ad, ad / AdsPerCampaign)).ToArray();

    /// <summary>
    /// <paramref name="count"/> events, <see cref="EventsPerMs"/> per millisecond in time order, ad and event type
    /// uniform, drawn from <c>new Random(42)</c>.
    /// </summary>
    public static AdEvent[] Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(WorkloadSizes.Seed);
        var events = GC.AllocateUninitializedArray<AdEvent>(count);
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = new AdEvent(i / EventsPerMs, random.Next(100_000), random.Next(10_000), random.Next(Ads), (byte)random.Next(5),
                (byte)random.Next(3), random.Next());
        }
        return events;
    }
}
