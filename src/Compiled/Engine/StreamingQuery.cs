using System.Runtime.ExceptionServices;
using Compiled.Checkpointing;
using Compiled.Engine;
using Compiled.IO;
using Compiled.Plans;
using Compiled.Sinks;
using Compiled.Sources;

namespace Compiled;

/// <summary>
/// A running streaming query (Spark's <c>StreamingQuery</c>): started by <c>Start</c>, it runs
/// micro-batches on a dedicated task until it is stopped, its trigger finishes, or it fails.
/// </summary>
/// <remarks>Disposing the query stops it. All members are safe to call from any thread.</remarks>
public sealed class StreamingQuery : IAsyncDisposable
{
    private readonly MicroBatchExecution _execution;
    private readonly Task _loop;

    private StreamingQuery(MicroBatchExecution execution)
    {
        _execution = execution;
        _loop = execution.StartLoop();
    }

    /// <summary>The query id: stable across restarts, read from (or written to) the checkpoint's metadata.</summary>
    public Guid Id => _execution.Id;

    /// <summary>The id of this run, new at every start.</summary>
    public Guid RunId => _execution.RunId;

    /// <summary>The query name: <see cref="QueryOptions.Name"/>, or the plan's name.</summary>
    public string Name => _execution.Name;

    /// <summary>The checkpoint directory in use (a temporary one when none was configured).</summary>
    public string CheckpointLocation => _execution.CheckpointRoot;

    /// <summary>What the query is doing now.</summary>
    public StreamingQueryStatus Status => _execution.Status;

    /// <summary>True until the query terminates.</summary>
    public bool IsActive => !_execution.Terminated.IsCompleted;

    /// <summary>The progress of the last batch, or null before the first one.</summary>
    public StreamingQueryProgress? LastProgress => _execution.Reporter.Last;

    /// <summary>The progress of recent batches, oldest first, at most <see cref="QueryOptions.RecentProgressCount"/>.</summary>
    public IReadOnlyList<StreamingQueryProgress> RecentProgress => _execution.Reporter.Recent;

    /// <summary>The failure that terminated the query, or null.</summary>
    public StreamingQueryException? Exception => _execution.Exception;

    /// <summary>
    /// Starts <paramref name="plan"/> reading <paramref name="sources"/> (in the plan's input order) and writing to
    /// <paramref name="sink"/>. The query owns the sources and the sink and disposes them when it ends.
    /// </summary>
    /// <exception cref="ArgumentException">The number of sources does not match the plan's inputs, or an option is invalid.</exception>
    /// <exception cref="InvalidOperationException">The sink does not support the plan's output mode.</exception>
    /// <exception cref="CheckpointException">The checkpoint belongs to another query or plan, or is damaged.</exception>
    public static StreamingQuery Start<TOut>(IQueryPlan<TOut> plan, IReadOnlyList<ISource> sources, ISink<TOut> sink, QueryOptions? options = null) =>
        Start(plan, sources, sink, options, []);

    /// <summary>
    /// As <see cref="Start{TOut}(IQueryPlan{TOut}, IReadOnlyList{ISource}, ISink{TOut}, QueryOptions?)"/>, with the late-row
    /// sinks of the inputs whose <c>WithWatermark</c> routes late rows to a sink (<see cref="LateRows.ToSink"/>): one entry per
    /// input, null for the others. The query owns them too.
    /// </summary>
    /// <exception cref="ArgumentException">A late-row sink is missing for an input that routes late rows, or given for one that does not.</exception>
    public static StreamingQuery Start<TOut>(
        IQueryPlan<TOut> plan,
        IReadOnlyList<ISource> sources,
        ISink<TOut> sink,
        QueryOptions? options,
        IReadOnlyList<LateRowSink?> lateRowSinks)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(lateRowSinks);
        options ??= new QueryOptions();
        QueryPlanInfo info = plan.Info;
        string name = options.Name ?? info.QueryName;
        Validate(info, name, sources, sink, options);
        LateRowSink?[] lateSinks = ValidateLateSinks(info, name, lateRowSinks);

        bool temporary = options.CheckpointLocation is null;
        string root = options.CheckpointLocation ?? Path.Combine(Path.GetTempPath(), "compiled-" + Guid.NewGuid().ToString("N"));
        // Settings that cannot change while the checkpoint lives; a stateless plan has no state to lose.
        var conf = new Dictionary<string, string>();
        if (info.StateOperators.Count > 0) conf["stateStore"] = options.StateStore.ToString();
        if (info.Inputs.Count(i => i.Watermark is not null) > 1) conf["multipleWatermarkPolicy"] = options.WatermarkPolicy.ToString();
        CheckpointDirectory? checkpoint = null;
        try
        {
            checkpoint = CheckpointDirectory.Open(root, name, info.Fingerprint);
            var recovery = RecoveryPoint.Recover(checkpoint, sources.Count, conf);
            checkpoint.CheckStateOperators(info.StateOperators);
            var execution = new MicroBatchExecution(name, new BatchRunner<TOut>(plan, sink, lateSinks), info, sources, options, checkpoint, recovery, temporary, conf);
            return new StreamingQuery(execution);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            checkpoint?.Dispose();
            if (temporary) DeleteTemporary(root);
            // Every start failure is a CheckpointException naming the path and the cause, never a raw I/O error.
            throw new CheckpointException(root,
                $"Query '{name}': checkpoint '{root}' cannot be used: {IoErrors.Explain(e)} {IoErrors.Advice(e)}".TrimEnd(), e);
        }
        catch (Exception)
        {
            checkpoint?.Dispose();
            if (temporary) DeleteTemporary(root);
            throw;
        }
    }

    /// <summary>Completes when the query terminates; throws its <see cref="StreamingQueryException"/> when it failed.</summary>
    public async Task AwaitTerminationAsync(CancellationToken cancellationToken = default)
    {
        await _execution.Terminated.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_execution.Exception is { } failure) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>
    /// Stops the query: the current batch finishes (or, before its offsets are logged, is abandoned), so the
    /// checkpoint never holds a half-written entry. Completes when the query has terminated; does not throw
    /// the query's failure (see <see cref="Exception"/>).
    /// </summary>
    /// <remarks>Called from the query's own thread (a listener, a sink) it only requests the stop.</remarks>
    public Task StopAsync()
    {
        _execution.Signals.RequestStop();
        return _execution.OnBatchThread ? Task.CompletedTask : _loop;
    }

    /// <summary>
    /// Completes when every row available in the sources now has been processed and committed (for tests);
    /// throws the query's failure when it fails meanwhile, returns when it stops.
    /// </summary>
    public Task ProcessAllAvailableAsync()
    {
        Task waiting = _execution.Waiters.WaitAsync();
        _execution.Signals.Poke();
        return waiting;
    }

    /// <summary>Stops the query (see <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static void Validate<TOut>(QueryPlanInfo info, string name, IReadOnlyList<ISource> sources, ISink<TOut> sink, QueryOptions options)
    {
        if (!sink.SupportedModes.Contains(info.OutputMode))
            throw new InvalidOperationException(
                $"Query '{name}' writes in {info.OutputMode} mode, but sink '{sink.Description}' supports only {string.Join(", ", sink.SupportedModes)}.");
        if (sources.Count != info.Inputs.Count)
            throw new ArgumentException(
                $"Query '{name}' has {info.Inputs.Count} input(s) ({string.Join(", ", info.Inputs.Select(i => i.Name))}) but {sources.Count} source(s) were given.",
                nameof(sources));
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is null) throw new ArgumentException($"Query '{name}': source {i} ({info.Inputs[i].Name}) is null.", nameof(sources));
        }
        if (options.RetainBatches < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.RetainBatches, $"Query '{name}': QueryOptions.RetainBatches must be at least 1.");
        if (options.StateCheckpointTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.StateCheckpointTimeout, $"Query '{name}': QueryOptions.StateCheckpointTimeout must be positive.");
        if (options.RecentProgressCount < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.RecentProgressCount, $"Query '{name}': QueryOptions.RecentProgressCount must be at least 1.");
    }

    private static LateRowSink?[] ValidateLateSinks(QueryPlanInfo info, string name, IReadOnlyList<LateRowSink?> given)
    {
        if (given.Count != 0 && given.Count != info.Inputs.Count)
            throw new ArgumentException(
                $"Query '{name}' has {info.Inputs.Count} input(s) but {given.Count} late-row sink entries were given; give one per input (null where none).",
                nameof(given));
        var sinks = new LateRowSink?[info.Inputs.Count];
        for (int i = 0; i < sinks.Length; i++)
        {
            InputInfo input = info.Inputs[i];
            LateRowSink? sink = given.Count == 0 ? null : given[i];
            bool routes = input.Watermark?.LateRows == LateRows.ToSink;
            if (routes && sink is null)
                throw new ArgumentException(
                    $"Query '{name}': input '{input.Name}' routes late rows to a sink (LateRows.ToSink), but no late-row sink was given for it.", "lateRowSinks");
            if (!routes && sink is not null)
                throw new ArgumentException(
                    $"Query '{name}': a late-row sink ({sink.Description}) was given for input '{input.Name}', which does not route late rows (declare WithWatermark(..., LateRows.ToSink)).",
                    "lateRowSinks");
            if (sink is not null && !sink.SupportsAppend)
                throw new InvalidOperationException(
                    $"Query '{name}': the late-row sink of input '{input.Name}' ({sink.Description}) must support Append mode.");
            sinks[i] = sink;
        }
        return sinks;
    }

    private static void DeleteTemporary(string root)
    {
        // Best effort: the start already failed, and that failure is what the caller must see.
        try { if (Directory.Exists(root)) Directory.Delete(root, recursive: true); }
        catch (IOException) { }
    }
}
