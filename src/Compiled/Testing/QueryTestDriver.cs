using Compiled.Batches;
using Compiled.Engine;
using Compiled.Plans;
using Compiled.Progress;
using Compiled.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Testing;

/// <summary>
/// Runs a compiled query in memory, one batch at a time, under the test's control: add rows to each input, run a
/// batch, move processing time and the watermark, read each batch's output and progress. Deterministic: no threads,
/// no timers, no files; state lives in the in-memory store and survives from batch to batch as in a running query.
/// </summary>
/// <remarks>
/// The generator emits a typed wrapper per query (<c>MyQuery.TestDriver</c>) with one <c>Add…</c> method per input;
/// this class is what it drives. Batches run exactly as in the engine: the same plan, the same watermark rules
/// (<see cref="QueryOptions.WatermarkPolicy"/>, late rows dropped outside Complete mode), a state checkpoint after
/// each batch. A batch run with no rows is a no-data batch, which closes windows the watermark has passed.
/// Rows late for an input declared with <c>LateRows.ToSink</c> are kept by the driver, as that input's late-row sink would
/// receive them (<see cref="LateRows{T}"/>, <see cref="TestBatch{TOut}.LateRowCount"/>). Not thread-safe.
/// </remarks>
public sealed class QueryTestDriver<TOut> : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> s_empty = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, long> s_noDurations = new Dictionary<string, long>();

    private readonly IQueryPlan<TOut> _plan;
    private readonly string _name;
    private readonly Guid _id = Guid.NewGuid();
    private readonly Guid _runId = Guid.NewGuid();
    private readonly InMemoryStateStoreProvider _state;
    private readonly BatchInputs _inputs;
    private readonly BatchContext _batch = new();
    private readonly PendingRows?[] _pending;
    private readonly LateRowCollector?[] _late;
    private readonly object?[] _lateBuffers;
    private readonly WatermarkTracker _watermarks;
    private readonly List<TestBatch<TOut>> _batches = [];
    private RowBuffer<TOut>? _output;
    private long _watermarkMs = long.MinValue;
    private long _nowMs;

    /// <summary>Opens <paramref name="plan"/> (e.g. <c>MyQuery.CreatePlan()</c>) with empty in-memory state.</summary>
    public QueryTestDriver(IQueryPlan<TOut> plan, QueryTestDriverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new QueryTestDriverOptions();
        _plan = plan;
        _name = options.Name ?? plan.Info.QueryName;
        _nowMs = options.StartTime.ToUnixTimeMilliseconds();
        int inputs = plan.Info.Inputs.Count;
        _inputs = new BatchInputs(inputs);
        _pending = new PendingRows?[inputs];
        _watermarks = new WatermarkTracker(plan.Info.Inputs, options.WatermarkPolicy, long.MinValue, null);
        _state = new InMemoryStateStoreProvider(null, new QueryOptions().StateMemoryBudgetBytes, null);
        _late = new LateRowCollector?[inputs];
        _lateBuffers = new object?[inputs];
        _batch.Configure(plan.Info.OutputMode != OutputMode.Complete, _lateBuffers);
        plan.Open(new PlanContext(_state, NullLogger.Instance));
        _output = BatchPool.Rent<TOut>();
    }

    /// <summary>The plan's inputs, outputs and stateful operators.</summary>
    public QueryPlanInfo Info => _plan.Info;

    /// <summary>The processing time the next batch runs at (its <see cref="BatchContext.BatchTimestampMs"/>).</summary>
    public DateTimeOffset ProcessingTime => DateTimeOffset.FromUnixTimeMilliseconds(_nowMs);

    /// <summary>The watermark the next batch runs with, or null when there is none yet.</summary>
    public DateTimeOffset? Watermark => _watermarkMs == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(_watermarkMs);

    /// <summary>Every batch run so far, oldest first.</summary>
    public IReadOnlyList<TestBatch<TOut>> Batches => _batches;

    /// <summary>Every output row of every batch so far, in order.</summary>
    public IReadOnlyList<TOut> AllRows => _batches.SelectMany(b => b.Rows).ToArray();

    /// <summary>Adds rows to input <paramref name="input"/> (the query's parameter order) for the next batch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such input.</exception>
    /// <exception cref="ArgumentException">Rows of another type were already added to this input.</exception>
    public void AddRows<T>(int input, params ReadOnlySpan<T> rows)
    {
        CheckInput(input);
        _pending[input] ??= new PendingRows<T>();
        if (_pending[input] is not PendingRows<T> typed)
            throw new ArgumentException(
                $"Input {input} ({Info.Inputs[input].Name}) of query '{_name}' takes {_pending[input]!.RowType.Name} rows, not {typeof(T).Name}.", nameof(rows));
        typed.Add(rows);
    }

    /// <summary>
    /// Every row of input <paramref name="input"/> that arrived behind its watermark so far, oldest batch first: what the
    /// input's late-row sink would have received. The input must be declared <c>WithWatermark(..., LateRows.ToSink)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such input.</exception>
    /// <exception cref="ArgumentException">The input does not route late rows to a sink, or its rows are not <typeparamref name="T"/>.</exception>
    public IReadOnlyList<T> LateRows<T>(int input) => Collector<T>(input).All;

    /// <summary>Moves processing time forward by <paramref name="by"/> (batches run at the current time).</summary>
    public void AdvanceProcessingTime(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "Processing time only moves forward.");
        _nowMs += (long)by.TotalMilliseconds;
    }

    /// <summary>
    /// Moves the watermark the next batch runs with to <paramref name="to"/>, as if rows that late had been seen;
    /// a watermark never moves back, so an earlier time changes nothing. Batches also advance it from the event
    /// times they see, by the delays the query declares.
    /// </summary>
    public void AdvanceWatermark(DateTimeOffset to) => _watermarkMs = Math.Max(_watermarkMs, to.ToUnixTimeMilliseconds());

    /// <summary>Runs one batch over every row added since the last one (none: a no-data batch) and returns it.</summary>
    public TestBatch<TOut> RunBatch()
    {
        RowBuffer<TOut> output = _output ?? throw new ObjectDisposedException(nameof(QueryTestDriver<TOut>));
        long batchId = _batches.Count;
        long watermarkMs = _watermarkMs;
        var inputRows = new long[_pending.Length];
        _inputs.Clear();
        bool noData = true;
        for (int i = 0; i < _pending.Length; i++)
        {
            if (_pending[i] is not { Count: > 0 } pending) continue;
            if (_late[i] is null && Info.Inputs[i].Watermark?.LateRows == Compiled.LateRows.ToSink) Attach(i, pending.CreateLateCollector());
            inputRows[i] = pending.Count;
            pending.LendTo(_inputs, i);
            noData = false;
        }
        _batch.Reset(batchId, watermarkMs, _nowMs, noData);
        output.Clear();
        _plan.Execute(_inputs, output, _batch);
        TOut[] rows = output.Span.ToArray();
        int lateRows = 0;
        foreach (LateRowCollector? late in _late) lateRows += late?.Collect() ?? 0;
        _state.Checkpoint(batchId);
        _watermarkMs = Math.Max(_watermarkMs, _watermarks.Advance(_batch));

        var batch = new TestBatch<TOut>(batchId, rows, Progress(batchId, watermarkMs, inputRows, rows.Length), Watermark) { LateRowCount = lateRows };
        _batches.Add(batch);
        return batch;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _output?.Dispose();
        _output = null;
        _inputs.Release();
        foreach (LateRowCollector? late in _late) late?.Dispose();
        _state.Dispose();
    }

    private void Attach(int input, LateRowCollector collector)
    {
        _late[input] = collector;
        _lateBuffers[input] = collector.Buffer;
    }

    private void CheckInput(int input)
    {
        if ((uint)input >= (uint)_pending.Length)
            throw new ArgumentOutOfRangeException(nameof(input), input, $"Query '{_name}' has {_pending.Length} input(s).");
    }

    private LateRowCollector<T> Collector<T>(int input)
    {
        CheckInput(input);
        InputInfo info = Info.Inputs[input];
        if (info.Watermark?.LateRows != Compiled.LateRows.ToSink)
            throw new ArgumentException(
                $"Input {input} ({info.Name}) of query '{_name}' does not route late rows to a sink; declare WithWatermark(..., LateRows.ToSink) to collect them.", nameof(input));
        if (_late[input] is null) Attach(input, new LateRowCollector<T>());
        return _late[input] as LateRowCollector<T> ?? throw new ArgumentException(
            $"Late rows of input {input} ({info.Name}) of query '{_name}' are {_late[input]!.RowType.Name} rows, not {typeof(T).Name}.", nameof(input));
    }

    private StreamingQueryProgress Progress(long batchId, long watermarkMs, long[] inputRows, long outputRows)
    {
        var sources = new SourceProgress[inputRows.Length];
        for (int i = 0; i < sources.Length; i++)
            sources[i] = new SourceProgress("test input " + Info.Inputs[i].Name, null, null, inputRows[i], 0, 0, s_empty);

        IReadOnlyList<StateStoreMetrics> metrics = _state.CollectMetrics();
        var operators = new StateOperatorProgress[Info.StateOperators.Count];
        for (int i = 0; i < operators.Length; i++)
        {
            StateOperatorInfo op = Info.StateOperators[i];
            StateStoreMetrics? m = null;
            foreach (var candidate in metrics)
            {
                if (candidate.OperatorId == op.OperatorId) m = candidate;
            }
            operators[i] = new StateOperatorProgress(op.OperatorName, m?.NumRowsTotal ?? 0, m?.NumRowsUpdated ?? 0, m?.NumRowsRemoved ?? 0,
                0, m?.MemoryUsedBytes ?? 0, _batch.DroppedByWatermark(i), m?.CustomMetrics ?? new Dictionary<string, long>());
        }

        return new StreamingQueryProgress
        {
            Id = _id,
            RunId = _runId,
            Name = _name,
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(_nowMs),
            BatchId = batchId,
            BatchDurationMs = 0,
            DurationMs = s_noDurations,
            EventTime = ProgressFactory.EventTime(_batch, watermarkMs),
            StateOperators = operators,
            Sources = sources,
            Sink = new SinkProgress("test driver", outputRows, s_empty),
        };
    }
}
