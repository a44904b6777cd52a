using Compiled.Benchmarks.Baselines.Sliding;
using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Workloads;

/// <summary>
/// Sliding windows over W2b's events: slide 10 s, size <paramref name="panesPerWindow"/> x 10 s, count per key. Run for
/// size/slide 1, 4 and 16, it shows whether the cost per event grows with the number of windows an event falls in.
/// </summary>
internal sealed class SlidingWindowCount(Ev[] events, int batchSize, int panesPerWindow) : Workload
{
    /// <summary>The size/slide ratios measured.</summary>
    public static readonly int[] Ratios = [1, 4, 16];

    /// <inheritdoc/>
    public override string Id => "Sliding" + panesPerWindow;

    /// <inheritdoc/>
    public override string Title => $"sliding window count, size/slide {panesPerWindow}";

    /// <inheritdoc/>
    public override string Unit => "events";

    /// <inheritdoc/>
    public override long Units => events.Length;

    /// <inheritdoc/>
    public override int InputRows => events.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new SlidingPaneLoop(events, panesPerWindow),
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new SlidingWindowCount(events[..rows], batchSize, panesPerWindow);
}
