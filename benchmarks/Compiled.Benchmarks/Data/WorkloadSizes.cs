namespace Compiled.Benchmarks.Data;

/// <summary>The sizes and distributions fixed by benchmarks.md; every run of every mode uses these unless told otherwise.</summary>
internal static class WorkloadSizes
{
    /// <summary>Seed of every generator, so all variants and all runs see the same data.</summary>
    public const int Seed = 42;

    /// <summary>Events of W1 and W2a.</summary>
    public const int Events = 50_000_000;

    /// <summary>Distinct keys of W1 and W2a events.</summary>
    public const int Keys = 100_000;

    /// <summary>Exclusive upper bound of <see cref="Ev.Value"/>.</summary>
    public const int ValueRange = 1000;

    /// <summary>W1's filter keeps events whose value is below this: half of them.</summary>
    public const int W1ValueLimit = 500;

    /// <summary>Lines of W3.</summary>
    public const int Lines = 2_000_000;

    /// <summary>Words in every W3 line.</summary>
    public const int WordsPerLine = 10;

    /// <summary>W3 vocabulary size (distinct words, compared case-insensitively).</summary>
    public const int Vocabulary = 10_000;

    /// <summary>Events of W2, W2b and the sliding-window workloads.</summary>
    public const int WindowEvents = 20_000_000;

    /// <summary>W2's tumbling window: 1000 time units (event time is the event's index, read as milliseconds).</summary>
    public const long W2WindowMs = 1000;

    /// <summary>Distinct keys of W2b and the sliding-window events.</summary>
    public const int DenseKeys = 10_000;

    /// <summary>W2b events per millisecond of event time: 1,000,000 per 10-second window.</summary>
    public const int DenseEventsPerMs = 100;

    /// <summary>W2b's tumbling window, and the slide of the sliding-window workloads: 10 s.</summary>
    public const long W2bWindowMs = 10_000;

    /// <summary>Rows per micro-batch for the plan-driven variants.</summary>
    public const int BatchSize = 1_000_000;
}
