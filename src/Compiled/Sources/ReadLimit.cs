namespace Compiled.Sources;

/// <summary>How much a batch may take from a source.</summary>
/// <param name="IgnorePerTriggerLimits">True under the once trigger: take everything available in one batch, ignoring maxFilesPerTrigger and the like.</param>
public readonly record struct ReadLimit(bool IgnorePerTriggerLimits)
{
    /// <summary>The source's own per-trigger options apply.</summary>
    public static ReadLimit Default => default;

    /// <summary>Everything available, in one batch.</summary>
    public static ReadLimit All => new(true);
}
