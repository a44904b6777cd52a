using Compiled.Benchmarks.Workloads;
using Compiled.Plans;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>
/// A variant that feeds its input to a compiled plan in batches through <see cref="PlanDriver{TOut}"/>, with state of the
/// given <see cref="StateStoreKind"/>; the derived class decides how the input is cut into batches.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> (untimed) creates a fresh plan, a fresh state directory in the temp folder and fresh
/// stores, so every timed run starts from empty state at batch 0, as a new query would. The directory is
/// deleted before the next run and on <see cref="Dispose"/>.
/// </remarks>
internal abstract class PlanVariantBase<TOut>(
    string name,
    Func<IQueryPlan<TOut>> createPlan,
    StateStoreKind kind,
    IPlanOutput<TOut> output) : Variant(name)
{
    private PlanDriver<TOut>? _driver;
    private string? _runDirectory;
    private bool _prepared;

    /// <inheritdoc/>
    public override void Prepare()
    {
        Release();
        _runDirectory = Path.Combine(Path.GetTempPath(), "compiled-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_runDirectory);
        // "state" as in a checkpoint's layout; the FASTER provider creates it.
        _driver = new PlanDriver<TOut>(createPlan(), kind, Path.Combine(_runDirectory, "state"));
        output.Reset();
        _prepared = true;
    }

    /// <inheritdoc/>
    public override long Run()
    {
        // A second run on the same stores would start again at batch 0 over state that already holds the data.
        if (!_prepared || _driver is null) throw new InvalidOperationException($"Variant '{Name}' must be prepared before each run.");
        _prepared = false;
        long batches = RunBatches(_driver, output);
        // Windows the last watermark closed are emitted by a batch without data, as the engine runs one at the end.
        if (_driver.NeedsNoDataBatches) output.Write(_driver.ExecuteWithoutData(), isLastBatch: true);
        _driver.Finish();
        return batches;
    }

    /// <summary>
    /// Feeds every batch of the input to <paramref name="driver"/> and hands each output to <paramref name="sink"/>, the
    /// last one marked unless the plan waits for a batch without data; returns the number of batches.
    /// </summary>
    private protected abstract long RunBatches(PlanDriver<TOut> driver, IPlanOutput<TOut> sink);

    /// <inheritdoc/>
    public override Checksum Checksum() => output.Checksum();

    /// <inheritdoc/>
    public override void Dispose() => Release();

    private void Release()
    {
        _driver?.Dispose();
        _driver = null;
        if (_runDirectory is not null && Directory.Exists(_runDirectory)) Directory.Delete(_runDirectory, recursive: true);
        _runDirectory = null;
    }
}
