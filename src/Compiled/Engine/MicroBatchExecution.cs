using Compiled.Checkpointing;
using Compiled.IO;
using Compiled.Plans;
using Compiled.Progress;
using Compiled.Sinks;
using Compiled.Sources;
using Compiled.State;
using Microsoft.Extensions.Logging;

namespace Compiled.Engine;

/// <summary>
/// Runs one query's micro-batches on a dedicated long-running task: opens sources, state and sink,
/// replays a logged but uncommitted batch, then plans, logs, runs and commits batches as the trigger says.
/// </summary>
/// <remarks>
/// Every source, plan, state and sink call happens on the batch thread. Other threads only read the
/// status and progress, request a stop, or wait (see <see cref="StreamingQuery"/>).
/// </remarks>
internal sealed partial class MicroBatchExecution
{
    private readonly IBatchRunner _runner;
    private readonly QueryPlanInfo _info;
    private readonly IReadOnlyList<ISource> _sources;
    private readonly QueryOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly CheckpointDirectory _checkpoint;
    private readonly RecoveryPoint _recovery;
    private readonly bool _temporaryCheckpoint;
    private readonly IReadOnlyDictionary<string, string> _conf;
    private readonly ProgressReporter _reporter;
    private readonly LoopSignals _signals;
    private readonly AvailabilityWaiters _waiters = new();
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly BatchContext _batch = new();
    private readonly BatchInputs _inputs;
    private readonly SourceOffset?[] _nextStarts; // each source's end offset in the last batch run, committed or pending
    private readonly WatermarkTracker _watermark;
    private readonly bool _noDataBatches;

    private IStateStoreProvider? _stateProvider;
    private StateCheckpointGuard? _stateCheckpoints;
    private long _nextBatchId;
    private PendingCommit? _pending;
    private long? _currentBatchId;
    private long _lastTriggerStartMs = -1;
    private long _lastBatchWatermarkMs;
    private bool _idle;
    private int _batchThreadId;
    private volatile StreamingQueryStatus _status = StreamingQueryStatus.Initializing;
    private volatile StreamingQueryException? _exception;

    internal MicroBatchExecution(
        string name,
        IBatchRunner runner,
        QueryPlanInfo info,
        IReadOnlyList<ISource> sources,
        QueryOptions options,
        CheckpointDirectory checkpoint,
        RecoveryPoint recovery,
        bool temporaryCheckpoint,
        IReadOnlyDictionary<string, string> conf)
    {
        Name = name;
        Id = checkpoint.Metadata.Id;
        RunId = Guid.NewGuid();
        _runner = runner;
        _info = info;
        _sources = sources;
        _options = options;
        _clock = options.Clock ?? SystemClock.Instance;
        _logger = (options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Compiled.StreamingQuery");
        _checkpoint = checkpoint;
        _recovery = recovery;
        _temporaryCheckpoint = temporaryCheckpoint;
        _conf = conf;
        _reporter = new ProgressReporter(name, options.RecentProgressCount, options.Listeners, _logger);
        _signals = new LoopSignals(_clock);
        _inputs = new BatchInputs(sources.Count);
        _nextStarts = recovery.CommittedOffsets.ToArray();
        _watermark = new WatermarkTracker(info.Inputs, options.WatermarkPolicy, recovery.WatermarkMs, recovery.InputWatermarksMs);
        _lastBatchWatermarkMs = recovery.LastBatchWatermarkMs;
        _noDataBatches = options.NoDataBatches && info.StateOperators.Any(o => o.NeedsNoDataBatch);
        _nextBatchId = recovery.NextBatchId;
    }

    internal string Name { get; }
    internal Guid Id { get; }
    internal Guid RunId { get; }
    internal StreamingQueryStatus Status => _status;
    internal StreamingQueryException? Exception => _exception;
    internal ProgressReporter Reporter => _reporter;
    internal Task Terminated => _terminated.Task;
    internal AvailabilityWaiters Waiters => _waiters;
    internal LoopSignals Signals => _signals;
    internal string CheckpointRoot => _checkpoint.Root;

    /// <summary>True when called from the batch thread (e.g. a listener or sink stopping its own query).</summary>
    internal bool OnBatchThread => Environment.CurrentManagedThreadId == Volatile.Read(ref _batchThreadId);

    /// <summary>Starts the batch thread; the returned task never faults (failures end up in <see cref="Exception"/>).</summary>
    internal Task StartLoop()
    {
        _reporter.Started(new QueryStartedEvent(Id, RunId, Name, DateTimeOffset.FromUnixTimeMilliseconds(_clock.UtcNowMs)));
        QueryLog.Started(_logger, Name, Id, RunId, _checkpoint.Root);
        return Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Run()
    {
        Volatile.Write(ref _batchThreadId, Environment.CurrentManagedThreadId);
        StreamingQueryException? failure = null;
        try
        {
            Initialize();
            RunTrigger();
            CompletePendingCommit();
        }
        catch (Exception e)
        {
            failure = e as StreamingQueryException ?? new StreamingQueryException(Name, Id, _currentBatchId, e);
            CommitAfterFailure();
        }
        Cleanup();
        _exception = failure;
        _status = StreamingQueryStatus.Stopped;
        if (failure is null) QueryLog.Stopped(_logger, Name);
        else QueryLog.Failed(_logger, Name, failure);
        _reporter.Terminated(new QueryTerminatedEvent(Id, RunId, failure), DateTimeOffset.FromUnixTimeMilliseconds(_clock.UtcNowMs));
        _waiters.Terminate(failure);
        _terminated.SetResult();
    }

    /// <summary>
    /// A failure while the next batch was read or run leaves the previous batch's commit pending; that batch reached its
    /// sink whole, so it is committed still (a failure of the commit itself is logged: the restart runs that batch again).
    /// </summary>
    private void CommitAfterFailure()
    {
        if (_pending is null || _stateCheckpoints is { Abandoned: true }) return;
        try { CompletePendingCommit(); }
        catch (Exception e) { QueryLog.CleanupFailed(_logger, Name, "the commit of the last batch that ran", e); }
    }

    private void Initialize()
    {
        for (int i = 0; i < _sources.Count; i++)
        {
            string directory = DurableFile.CreateDirectory(_checkpoint.SourceDirectory(i));
            _sources[i].Open(new SourceContext(Name, i, directory, _clock, _logger) { DataAvailable = _signals.Poke });
        }
        _stateProvider = StateStoreProviders.Create(
            _options.StateStore,
            _info.StateOperators.Count > 0,
            _checkpoint.StateDirectory,
            _recovery.LastCommittedBatchId,
            _options.StateMemoryBudgetBytes,
            _options.StateSnapshotInterval,
            _options.LoggerFactory);
        if (_info.StateOperators.Count > 0)
            _stateProvider = new CheckedStateStoreProvider(_stateProvider, _checkpoint, _info.StateOperators);
        if (_options.StateStore == StateStoreKind.Faster && _info.StateOperators.Count > 0)
            _stateCheckpoints = new StateCheckpointGuard(_stateProvider, _checkpoint.StateDirectory, _options.StateCheckpointTimeout, Name);
        string sinkDirectory = DurableFile.CreateDirectory(_checkpoint.SinkDirectory);
        _runner.Open(
            new PlanContext(_stateProvider, _logger, _recovery.CommittedWatermarkMs, _recovery.CommittedBatchTimestampMs),
            new SinkContext(Id, Name, _info.OutputMode, sinkDirectory, _logger),
            _batch,
            input => DurableFile.CreateDirectory(Path.Combine(_checkpoint.Root, "late", input.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (_options.Trigger is Trigger.AvailableNowTrigger or Trigger.OnceTrigger)
        {
            foreach (var source in _sources) source.PrepareForAvailableNow();
        }
    }

    private void Cleanup()
    {
        CleanUp("the sink", _runner);
        for (int i = 0; i < _sources.Count; i++) CleanUp($"source {i} ({_sources[i].Description})", _sources[i]);
        if (_stateCheckpoints is { Abandoned: true })
        {
            // The abandoned checkpoint may still hold the store: dispose it without waiting on it for good.
            if (!Task.Run(() => CleanUp("the state store", _stateProvider!)).Wait(s_abandonedStateDisposeTimeout))
                QueryLog.CleanupFailed(_logger, Name, "the state store", new TimeoutException($"Disposing the state store did not finish within {s_abandonedStateDisposeTimeout}."));
        }
        else
        {
            _stateCheckpoints?.Dispose();
            if (_stateProvider is not null) CleanUp("the state store", _stateProvider);
        }
        _inputs.Release();
        _checkpoint.Dispose();
        if (_temporaryCheckpoint)
        {
            try { Directory.Delete(_checkpoint.Root, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { QueryLog.CleanupFailed(_logger, Name, _checkpoint.Root, e); }
        }
    }

    /// <summary>How long disposing a state store whose checkpoint was abandoned may take before it is left behind.</summary>
    private static readonly TimeSpan s_abandonedStateDisposeTimeout = TimeSpan.FromSeconds(2);

    private void CleanUp(string what, IDisposable resource)
    {
        try { resource.Dispose(); }
        catch (Exception e) { QueryLog.CleanupFailed(_logger, Name, what, e); }
    }
}
