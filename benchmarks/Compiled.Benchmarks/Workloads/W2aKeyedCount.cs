using Compiled.Benchmarks.Baselines.W2a;
using Compiled.Benchmarks.Data;

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
        new W2aLinqGroupBy(events),
        new W2aLinqCountBy(events),
        new W2aRx(events),
        // Extension point: the Compiled variants, once the generator emits the plans of W2aKeyedCountUpdateQuery
        // and W2aKeyedCountCompleteQuery and src/Compiled has its state store providers (benchmarks/README.md):
        //   new PlanVariant<Ev, KeyCount>("Compiled Update (in-memory state)", events, batchSize,
        //       () => <new plan of W2aKeyedCountUpdateQuery>, dir => <in-memory provider>, new KeyCountUpdateOutput()),
        //   new PlanVariant<Ev, KeyCount>("Compiled Update (FASTER, checkpoint per batch)", events, batchSize,
        //       () => <new plan of W2aKeyedCountUpdateQuery>, dir => <FASTER provider under dir>, new KeyCountUpdateOutput()),
        //   and the same two for W2aKeyedCountCompleteQuery ("Compiled Complete (...)") with new KeyCountCompleteOutput().
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W2aKeyedCount(events[..rows], batchSize);
}
