using Compiled.Benchmarks.Baselines.W2a;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;

namespace Compiled.Benchmarks.Workloads;

/// <summary>W2a: count per key over all time, 100,000 keys.</summary>
internal sealed class W2aKeyedCount(Ev[] events, int batchSize) : Workload
{
    /// <inheritdoc/>
    public override string Id => "W2a";

    /// <inheritdoc/>
    public override string Title => "keyed count over all time";

    /// <inheritdoc/>
    public override string Unit => "events";

    /// <inheritdoc/>
    public override long Units => events.Length;

    /// <inheritdoc/>
    public override int InputRows => events.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new W2aDictionaryLoop(events),
        new W2aDenseArrayLoop(events),
        // The product before the slow baselines: when a noisy machine runs out of budget, a baseline is skipped, not Compiled.
        .. CompiledVariants.Of("Compiled Update", events, batchSize, W2aKeyedCountUpdateQuery.CreatePlan,
            static () => new KeyCountUpdateOutput()),
        .. CompiledVariants.Of("Compiled Complete", events, batchSize, W2aKeyedCountCompleteQuery.CreatePlan,
            static () => new KeyCountCompleteOutput()),
        new W2aLinqCountBy(events),
        new W2aLinqGroupBy(events),
        new W2aRx(events),
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W2aKeyedCount(events[..rows], batchSize);
}
