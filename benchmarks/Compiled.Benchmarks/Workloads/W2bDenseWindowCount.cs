using Compiled.Benchmarks.Baselines.W2b;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;

namespace Compiled.Benchmarks.Workloads;

/// <summary>W2b: tumbling windows of 10 s, count and sum per key; 1,000,000 events per window over 10,000 keys.</summary>
internal sealed class W2bDenseWindowCount(Ev[] events, int batchSize) : Workload
{
    /// <inheritdoc/>
    public override string Id => "W2b";

    /// <inheritdoc/>
    public override string Title => "dense tumbling window count and sum";

    /// <inheritdoc/>
    public override string Unit => "events";

    /// <inheritdoc/>
    public override long Units => events.Length;

    /// <inheritdoc/>
    public override int InputRows => events.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new W2bDictionaryLoop(events),
        new W2bDenseArrayLoop(events),
        .. CompiledVariants.Of("Compiled Append", events, batchSize, W2bDenseWindowQuery.CreatePlan, static () => new WindowDigestOutput()),
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W2bDenseWindowCount(events[..rows], batchSize);
}
