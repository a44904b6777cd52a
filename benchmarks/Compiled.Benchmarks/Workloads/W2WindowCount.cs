using Compiled.Benchmarks.Baselines.W2;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;

namespace Compiled.Benchmarks.Workloads;

/// <summary>W2: tumbling windows of 1000 time units, count per key; events in time order over 100,000 keys.</summary>
internal sealed class W2WindowCount(Ev[] events, int batchSize) : Workload
{
    /// <inheritdoc/>
    public override string Id => "W2";

    /// <inheritdoc/>
    public override string Title => "tumbling window count";

    /// <inheritdoc/>
    public override string Unit => "events";

    /// <inheritdoc/>
    public override long Units => events.Length;

    /// <inheritdoc/>
    public override int InputRows => events.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new W2DictionaryLoop(events),
        new W2DenseArrayLoop(events),
        .. CompiledVariants.Of("Compiled Append", events, batchSize, W2WindowCountQuery.CreatePlan, static () => new WindowDigestOutput()),
        new W2LinqCountBy(events),
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W2WindowCount(events[..rows], batchSize);
}
