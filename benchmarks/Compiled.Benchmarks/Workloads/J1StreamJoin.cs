using Compiled.Benchmarks.Baselines.J1;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;
using Compiled.Plans;

namespace Compiled.Benchmarks.Workloads;

/// <summary>J1: impressions inner-joined with their clicks within 15 minutes, 30-minute watermarks (issue 8 §7).</summary>
internal sealed class J1StreamJoin(Impression[] impressions, Click[] clicks, int batchSize) : Workload
{
    private readonly (int Impressions, int Clicks)[] _ends = ImpressionClickData.Batches(impressions, clicks, batchSize);

    /// <inheritdoc/>
    public override string Id => "J1";

    /// <inheritdoc/>
    public override string Title => "stream-stream inner join, impressions and clicks within 15 minutes";

    /// <inheritdoc/>
    public override string Unit => "rows";

    /// <inheritdoc/>
    public override long Units => impressions.Length + clicks.Length;

    /// <inheritdoc/>
    public override int InputRows => impressions.Length + clicks.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new J1HandJoin(impressions, clicks, _ends),
        Compiled("Compiled Append (in-memory state)", StateStoreKind.InMemory),
        Compiled("Compiled Append (durable, changelog per batch)", StateStoreKind.Faster),
    ];

    /// <inheritdoc/>
    /// <remarks>The first impressions and the clicks up to the last of them: a prefix of the same stream.</remarks>
    public override Workload Prefix(int rows)
    {
        int shown = Math.Max(1, (int)(rows * 2L / 3));
        shown = Math.Min(shown, impressions.Length);
        DateTime end = impressions[shown - 1].Time;
        int clicked = 0;
        while (clicked < clicks.Length && clicks[clicked].Time <= end) clicked++;
        return new J1StreamJoin(impressions[..shown], clicks[..clicked], batchSize);
    }

    private JoinPlanVariant<Impression, Click, ImpressionClick> Compiled(string name, StateStoreKind kind) =>
        new(name, impressions, clicks, _ends, J1ImpressionsClicksQuery.CreatePlan, kind, new JoinPairsOutput());
}
