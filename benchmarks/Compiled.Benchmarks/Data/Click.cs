namespace Compiled.Benchmarks.Data;

/// <summary>J1's click on an impression: 16 bytes, no references.</summary>
internal readonly struct Click(long impressionId, DateTime time)
{
    /// <summary>The impression clicked.</summary>
    public readonly long ImpressionId = impressionId;

    /// <summary>When the click happened (UTC); clicks arrive in time order.</summary>
    public readonly DateTime Time = time;
}
