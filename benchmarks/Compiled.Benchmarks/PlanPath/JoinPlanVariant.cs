using Compiled.Plans;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>A two-input plan variant: batch b lends the left rows before <c>ends[b].Left</c> and the right rows before <c>ends[b].Right</c>.</summary>
internal sealed class JoinPlanVariant<TLeft, TRight, TOut>(
    string name,
    TLeft[] left,
    TRight[] right,
    (int Left, int Right)[] ends,
    Func<IQueryPlan<TOut>> createPlan,
    StateStoreKind kind,
    IPlanOutput<TOut> output) : PlanVariantBase<TOut>(name, createPlan, kind, output)
{
    /// <inheritdoc/>
    private protected override long RunBatches(PlanDriver<TOut> driver, IPlanOutput<TOut> sink)
    {
        int leftStart = 0, rightStart = 0;
        for (int b = 0; b < ends.Length; b++)
        {
            (int leftEnd, int rightEnd) = ends[b];
            var rows = driver.Execute<TLeft, TRight>(left.AsMemory(leftStart..leftEnd), right.AsMemory(rightStart..rightEnd));
            sink.Write(rows, b == ends.Length - 1 && !driver.NeedsNoDataBatches);
            (leftStart, rightStart) = (leftEnd, rightEnd);
        }
        return ends.Length;
    }
}
