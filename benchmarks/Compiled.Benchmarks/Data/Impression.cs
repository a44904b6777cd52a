namespace Compiled.Benchmarks.Data;

/// <summary>J1's ad impression: 16 bytes, no references.</summary>
internal readonly struct Impression(long impressionId, DateTime time)
{
    /// <summary>The impression, unique per impression.</summary>
    public readonly long ImpressionId = impressionId;

    /// <summary>When the ad was shown (UTC), increasing.</summary>
    public readonly DateTime Time = time;
}
