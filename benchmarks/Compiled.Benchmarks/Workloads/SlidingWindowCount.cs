using Compiled.Benchmarks.Baselines.Sliding;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;
using Compiled.Plans;

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
        .. CompiledVariants.Of("Compiled Append", events, batchSize, Plan, static () => new WindowDigestOutput()),
    ];

    /// <summary>The generated plan for this size/slide: one query class per ratio, as the window is a build-time constant.</summary>
    private Func<IQueryPlan<WindowKeyCount>> Plan => panesPerWindow switch
    {
        1 => Sliding1WindowQuery.CreatePlan,
        4 => Sliding4WindowQuery.CreatePlan,
        16 => Sliding16WindowQuery.CreatePlan,
        _ => throw new ArgumentOutOfRangeException(nameof(panesPerWindow), panesPerWindow, "Sliding windows are measured for size/slide 1, 4 and 16."),
    };

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new SlidingWindowCount(events[..rows], batchSize, panesPerWindow);
}
