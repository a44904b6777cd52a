using System.Diagnostics;
using Compiled.Batches;
using Compiled.Engine;
using Compiled.Plans;
using Compiled.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>
/// Runs a one- or two-input plan the way the engine runs a micro-batch, minus sources, the offsets and commits logs,
/// progress and the sink: the batch's rows are lent to the plan (no copy), the plan executes, and the state is
/// committed as the engine commits it: batch N's checkpoint begins after it ran (through the engine's
/// <see cref="StateCheckpointGuard"/> for durable state) and is completed after batch N+1 ran, before N+1's output is
/// returned (then <c>CollectMetrics()</c>, and <c>Purge</c> once more than <see cref="QueryOptions.RetainBatches"/>
/// versions exist); <see cref="Finish"/> completes the last one. The watermark moves as the engine moves it
/// (<see cref="WatermarkTracker"/>): after each batch, per input to the largest event time it reported minus its delay,
/// and for the query to the minimum over the inputs that declare one.
/// </summary>
/// <remarks>
/// The state store provider is chosen by <see cref="StateStoreProviders.Create"/> with the engine's default
/// options, so a stateless plan gets the empty in-memory provider whatever the kind, exactly as in a query.
/// One driver per run: batch ids start at 0 over empty state. With the environment variable
/// <c>COMPILED_BENCH_STATE_SPLIT=1</c> the driver writes, when disposed, where each batch's time went on average: the
/// plan's execution, the state commit's part on the batch thread (beginning it, and waiting for it to be durable
/// after the next batch ran; wall clock and the batch thread's CPU time), and the stores' own timing metrics
/// (microseconds). <c>COMPILED_BENCH_SNAPSHOT_INTERVAL=N</c> takes a FASTER base every N batches instead of the
/// engine's default, to split the base thread's cost from the rest; figures taken with it are not the engine's.
/// </remarks>
internal sealed class PlanDriver<TOut> : IDisposable
{
    // The benchmark plans never read processing time; a fixed value keeps replays identical.
    private const long BatchTimestampMs = 0;
    private static readonly QueryOptions s_defaults = new();
    private static readonly bool s_split = Environment.GetEnvironmentVariable("COMPILED_BENCH_STATE_SPLIT") == "1";
    // For a cost split only: batches between FASTER bases instead of the engine's default.
    private static readonly int s_snapshotInterval =
        int.TryParse(Environment.GetEnvironmentVariable("COMPILED_BENCH_SNAPSHOT_INTERVAL"), out int interval) && interval >= 1
            ? interval : s_defaults.StateSnapshotInterval;

    private readonly IQueryPlan<TOut> _plan;
    private readonly IStateStoreProvider _stores;
    private readonly BatchInputs _inputs;
    private readonly RowBuffer<TOut> _output = BatchPool.Rent<TOut>();
    private readonly BatchContext _batch = new();
    private readonly WatermarkTracker _watermark;
    private readonly StateCheckpointGuard? _guard;
    private long _nextBatchId;
    private long _pendingBatchId = -1;
    private long _pendingCommitTicks;
    // Sums over the batches for the cost split (s_split): execution and commit ticks, then the stores' metrics.
    private readonly SortedDictionary<string, long> _splitSums = new(StringComparer.Ordinal);

    /// <summary>Opens <paramref name="plan"/> over new state of <paramref name="kind"/> under <paramref name="stateDirectory"/>.</summary>
    public PlanDriver(IQueryPlan<TOut> plan, StateStoreKind kind, string stateDirectory)
    {
        _plan = plan;
        _inputs = new BatchInputs(plan.Info.Inputs.Count);
        _watermark = new WatermarkTracker(plan.Info.Inputs, s_defaults.WatermarkPolicy, long.MinValue, null);
        NeedsNoDataBatches = plan.Info.StateOperators.Any(o => o.NeedsNoDataBatch);
        _stores = StateStoreProviders.Create(
            kind, plan.Info.StateOperators.Count > 0, stateDirectory, recoverToBatchId: null,
            s_defaults.StateMemoryBudgetBytes, s_snapshotInterval, loggerFactory: null);
        if (kind == StateStoreKind.Faster && plan.Info.StateOperators.Count > 0)
        {
            _guard = new StateCheckpointGuard(_stores, stateDirectory, s_defaults.StateCheckpointTimeout, plan.Info.QueryName);
        }

        try
        {
            plan.Open(new PlanContext(_stores, NullLogger.Instance));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>True when the plan has windows that a moved watermark alone closes (the engine then runs batches without data).</summary>
    public bool NeedsNoDataBatches { get; }

    /// <summary>Runs one batch of a one-input plan over <paramref name="rows"/>; the output stays valid until the next call.</summary>
    public ReadOnlySpan<TOut> Execute<TIn>(ReadOnlyMemory<TIn> rows)
    {
        RequireInputs(1);
        _inputs.Clear();
        _inputs.Lend(0, rows);
        return Run(noData: false);
    }

    /// <summary>Runs one batch of a two-input plan over <paramref name="left"/> and <paramref name="right"/>; the output stays valid until the next call.</summary>
    public ReadOnlySpan<TOut> Execute<TLeft, TRight>(ReadOnlyMemory<TLeft> left, ReadOnlyMemory<TRight> right)
    {
        RequireInputs(2);
        _inputs.Clear();
        _inputs.Lend(0, left);
        _inputs.Lend(1, right);
        return Run(noData: false);
    }

    /// <summary>
    /// What the engine does when the input is exhausted: a batch without data, if the watermark has reached a window end
    /// the plan waits for (its <c>EventTimeDeadlineMs</c>); otherwise nothing. The output stays valid until the next call.
    /// </summary>
    public ReadOnlySpan<TOut> ExecuteWithoutData()
    {
        if (!NeedsNoDataBatches || _watermark.CurrentMs == long.MinValue || _plan.EventTimeDeadlineMs > _watermark.CurrentMs) return [];
        _inputs.Clear();
        return Run(noData: true);
    }

    private void RequireInputs(int count)
    {
        if (_plan.Info.Inputs.Count != count)
        {
            throw new InvalidOperationException(
                $"Plan '{_plan.Info.QueryName}' has {_plan.Info.Inputs.Count} inputs; this call feeds {count}.");
        }
    }

    private ReadOnlySpan<TOut> Run(bool noData)
    {
        long batchId = _nextBatchId++;
        _output.Clear();
        _batch.Reset(batchId, _watermark.CurrentMs, BatchTimestampMs, noData);
        long started = Stopwatch.GetTimestamp(), startedCpu = s_split ? ThreadCpuClock.Micros() : 0;
        _plan.Execute(_inputs, _output, _batch);
        long executed = Stopwatch.GetTimestamp(), executedCpu = s_split ? ThreadCpuClock.Micros() : 0;
        if (s_split)
        {
            Add("executeCpuMicros", executedCpu - startedCpu);
            Add("executeMicros", (long)Stopwatch.GetElapsedTime(started, executed).TotalMicroseconds);
        }

        Finish();
        long beginTicks = Stopwatch.GetTimestamp(), beginCpu = s_split ? ThreadCpuClock.Micros() : 0;
        if (_guard is not null) _guard.Begin(batchId);
        else _stores.Checkpoint(batchId);
        _pendingBatchId = batchId;
        _pendingCommitTicks = Stopwatch.GetTimestamp() - beginTicks;
        if (s_split) Add("commitCpuMicros", ThreadCpuClock.Micros() - beginCpu);
        _watermark.Advance(_batch);
        return _output.Span;
    }

    /// <summary>
    /// Completes the checkpoint of the last batch run, as the engine does before the next batch's output reaches its sink
    /// or when the input runs out: waits until it is durable, collects its metrics and purges old versions.
    /// </summary>
    public void Finish()
    {
        if (_pendingBatchId < 0) return;
        long batchId = _pendingBatchId;
        _pendingBatchId = -1;
        long waitStarted = Stopwatch.GetTimestamp(), waitCpu = s_split ? ThreadCpuClock.Micros() : 0;
        _guard?.Complete();
        IReadOnlyList<StateStoreMetrics> metrics = _stores.CollectMetrics();
        long oldestToKeep = batchId + 1 - s_defaults.RetainBatches;
        if (oldestToKeep > 0) _stores.Purge(oldestToKeep);
        if (s_split)
        {
            Add("commitCpuMicros", ThreadCpuClock.Micros() - waitCpu);
            Add("commitWaitMicros", (long)Stopwatch.GetElapsedTime(waitStarted).TotalMicroseconds);
            AddSplit(_pendingCommitTicks, metrics);
        }
    }

    private void AddSplit(long beginTicks, IReadOnlyList<StateStoreMetrics> metrics)
    {
        Add("commitBeginMicros", (long)Stopwatch.GetElapsedTime(0, beginTicks).TotalMicroseconds);
        Add("batches", 1);
        foreach (StateStoreMetrics store in metrics)
        {
            foreach ((string name, long value) in store.CustomMetrics)
            {
                if (name.EndsWith("Micros", StringComparison.Ordinal) || name == "changelogBytes") Add(name, value);
            }
        }
    }

    private void Add(string name, long value) => _splitSums[name] = _splitSums.GetValueOrDefault(name) + value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (s_split && _splitSums.TryGetValue("batches", out long batches))
        {
            Console.Error.WriteLine($"  state split, mean per batch over {batches} batches ({_plan.Info.QueryName}): " +
                string.Join(", ", _splitSums.Where(p => p.Key != "batches").Select(p => $"{p.Key} {p.Value / batches}")));
        }

        _inputs.Release();
        _output.Dispose();
        _guard?.Dispose();
        _stores.Dispose();
    }
}
