using Compiled.Benchmarks.Baselines.W4;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;

namespace Compiled.Benchmarks.Workloads;

/// <summary>W4, the Yahoo streaming benchmark: filter views, join the static ad-to-campaign table, 10 s window count per campaign.</summary>
internal sealed class W4Yahoo(AdEvent[] events, int batchSize) : Workload
{
    private static readonly AdCampaign[] s_table = AdEventData.Table();

    /// <inheritdoc/>
    public override string Id => "W4";

    /// <inheritdoc/>
    public override string Title => "filter, stream-static join, 10 s window count per campaign";

    /// <inheritdoc/>
    public override string Unit => "events";

    /// <inheritdoc/>
    public override long Units => events.Length;

    /// <inheritdoc/>
    public override int InputRows => events.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants()
    {
        var campaigns = StaticTable<AdCampaign>.FromRows(s_table);
        return
        [
            new W4HandWrittenLoop(events, s_table),
            .. CompiledVariants.Of("Compiled Append", events, batchSize, () => W4YahooQuery.CreatePlan(campaigns), static () => new WindowDigestOutput()),
            new W4Linq(events, s_table),
        ];
    }

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W4Yahoo(events[..rows], batchSize);
}
