using Compiled.Plans;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>A one-input plan variant: the input is cut into batches of <c>batchSize</c> rows.</summary>
internal sealed class PlanVariant<TIn, TOut>(
    string name,
    TIn[] input,
    int batchSize,
    Func<IQueryPlan<TOut>> createPlan,
    StateStoreKind kind,
    IPlanOutput<TOut> output) : PlanVariantBase<TOut>(name, createPlan, kind, output)
{
    /// <inheritdoc/>
    private protected override long RunBatches(PlanDriver<TOut> driver, IPlanOutput<TOut> sink)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        long batches = 0;
        for (int start = 0; start < input.Length; start += batchSize)
        {
            int length = Math.Min(batchSize, input.Length - start);
            sink.Write(driver.Execute<TIn>(input.AsMemory(start, length)), start + length == input.Length && !driver.NeedsNoDataBatches);
            batches++;
        }
        return batches;
    }
}
