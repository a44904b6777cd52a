using System.Diagnostics;
using Compiled.Checkpointing;
using Compiled.Diagnostics;
using Compiled.Progress;
using Compiled.Sources;
using Compiled.State;

namespace Compiled.Engine;

/// <summary>One micro-batch: plan, log, run, commit, report.</summary>
internal sealed partial class MicroBatchExecution
{
    /// <summary>
    /// Asks every source for the next end offset; when some source has new data, logs the batch in
    /// <c>offsets/N</c> and runs it.
    /// </summary>
    /// <returns>False when no source had new data (or a stop arrived before anything was logged).</returns>
    private bool TryRunNextBatch(ReadLimit limit)
    {
        long triggerStartTicks = Stopwatch.GetTimestamp();
        long triggerStartMs = _clock.UtcNowMs;
        _status = StreamingQueryStatus.GettingOffsets;
        _currentBatchId = _nextBatchId;
        long check = _waiters.BeginCheck();

        var ranges = new SourceOffsetRange[_sources.Count];
        bool hasData = false;
        for (int i = 0; i < _sources.Count; i++)
        {
            SourceOffset? start = _nextStarts[i];
            SourceOffset? end = _sources[i].LatestOffset(start, limit) ?? start;
            ranges[i] = new SourceOffsetRange { Description = _sources[i].Description, Start = start, End = end };
            hasData |= ranges[i].HasData;
        }
        long latestOffsetMs = ElapsedMs(triggerStartTicks);

        if (!hasData && !NoDataBatchDue(triggerStartMs))
        {
            CompletePendingCommit();
            _currentBatchId = null;
            _status = StreamingQueryStatus.WaitingForData;
            _waiters.NothingAvailable(check);
            if (!_idle)
            {
                _idle = true;
                _reporter.Idle(new QueryIdleEvent(Id, RunId, DateTimeOffset.FromUnixTimeMilliseconds(_clock.UtcNowMs)));
            }
            return false;
        }
        if (_signals.StopRequested)
        {
            // Nothing of this batch is logged yet: abandoning it leaves the checkpoint exactly as the last commit left it.
            CompletePendingCommit();
            _currentBatchId = null;
            return false;
        }

        var entry = new OffsetLogEntry
        {
            Version = OffsetLogEntry.CurrentVersion,
            BatchId = _nextBatchId,
            BatchWatermarkMs = _watermark.CurrentMs,
            InputWatermarksMs = _watermark.InputsMs,
            BatchTimestampMs = triggerStartMs,
            Sources = ranges,
            Conf = _conf,
        };
        var durations = new Dictionary<string, long> { ["latestOffset"] = latestOffsetMs };
        RunBatch(entry, logged: false, triggerStartMs, triggerStartTicks, durations);
        return true;
    }

    /// <summary>
    /// Runs the batch of <paramref name="entry"/>, new or replayed: reads exactly its ranges and runs the plan in memory;
    /// then commits the previous batch (<see cref="CompletePendingCommit"/>), logs this one in <c>offsets/N</c> unless
    /// <paramref name="logged"/>, hands its output to the sink and begins its state checkpoint. Its commit is left
    /// pending, so that the state's changelog frame is made durable while the next batch is read and run.
    /// </summary>
    /// <remarks>
    /// The checkpoint's files change in the same order as when each batch commits before the next starts (offsets/N,
    /// sink, state, commits/N, offsets/N+1, ...): what batch N+1 does before its offsets are logged stays in memory, and a
    /// crash there loses nothing that recovery needs.
    /// </remarks>
    private void RunBatch(OffsetLogEntry entry, bool logged, long triggerStartMs, long triggerStartTicks, Dictionary<string, long> durations)
    {
        long batchId = entry.BatchId;
        _currentBatchId = batchId;
        _idle = false;
        _status = StreamingQueryStatus.Processing;
        bool noData = true;
        foreach (SourceOffsetRange range in entry.Sources) noData &= !range.HasData;
        _batch.Reset(batchId, entry.BatchWatermarkMs, entry.BatchTimestampMs, noData);
        _inputs.Clear();

        long runStart = Stopwatch.GetTimestamp();
        var rows = new long[_sources.Count];
        for (int i = 0; i < _sources.Count; i++)
        {
            SourceOffsetRange range = entry.Sources[i];
            if (range.HasData) rows[i] = _sources[i].Read(range.Start, range.End!, _inputs, i);
        }
        _runner.Run(_inputs, _batch);
        long runTicks = Stopwatch.GetTimestamp() - runStart;
        CrashPoints.Hit(CrashPoints.BatchRunInMemory, batchId, Name);

        CompletePendingCommit();
        if (!logged && _signals.StopRequested)
        {
            // A stop arrived (e.g. from a listener of the commit just completed) before this batch was logged: it ran in
            // memory only, so abandoning it leaves the checkpoint exactly as that commit left it.
            _currentBatchId = null;
            return;
        }
        _currentBatchId = batchId;
        long walStart = Stopwatch.GetTimestamp();
        if (!logged)
        {
            _checkpoint.Offsets.Write(entry);
            CrashPoints.Hit(CrashPoints.OffsetsWritten, batchId, Name);
        }
        durations["walCommit"] = ElapsedMs(walStart);

        long deliverStart = Stopwatch.GetTimestamp();
        long outputRows = _runner.Deliver(_batch);
        CrashPoints.Hit(CrashPoints.SinkWritten, batchId, Name);
        durations["addBatch"] = (long)Stopwatch.GetElapsedTime(0, runTicks + Stopwatch.GetTimestamp() - deliverStart).TotalMilliseconds;

        long commitStateStart = Stopwatch.GetTimestamp();
        // A provider without a guard checkpoints at once, and its metrics describe its live stores: read them now.
        IReadOnlyList<StateStoreMetrics>? stateMetrics = null;
        if (_stateCheckpoints is not null) _stateCheckpoints.Begin(batchId);
        else
        {
            _stateProvider!.Checkpoint(batchId);
            stateMetrics = _stateProvider.CollectMetrics();
        }
        durations["commitState"] = ElapsedMs(commitStateStart);

        long nextWatermarkMs = _watermark.Advance(_batch);
        _lastBatchWatermarkMs = entry.BatchWatermarkMs;
        for (int i = 0; i < _sources.Count; i++) _nextStarts[i] = entry.Sources[i].End;
        _nextBatchId = batchId + 1;

        var dropped = new long[_info.StateOperators.Count];
        for (int j = 0; j < dropped.Length; j++) dropped[j] = _batch.DroppedByWatermark(j);
        double inputSeconds = _lastTriggerStartMs < 0 ? 0 : (triggerStartMs - _lastTriggerStartMs) / 1000.0;
        _lastTriggerStartMs = triggerStartMs;
        var facts = new ProgressFactory.BatchFacts(
            Id, RunId, Name, triggerStartMs, entry, rows, outputRows, durations, ProcessingSeconds: 0, inputSeconds,
            ProgressFactory.EventTime(_batch, entry.BatchWatermarkMs), dropped, ProgressFactory.SourceMetrics(entry, _sources),
            StateMetrics: [], _info.StateOperators, _sources, _runner.SinkDescription);
        _pending = new PendingCommit(entry, facts, durations, stateMetrics, nextWatermarkMs, _watermark.InputsMs, triggerStartTicks);
        _currentBatchId = null;
    }

    /// <summary>
    /// Commits the batch <see cref="RunBatch"/> left pending, if any: waits until its state is durable, writes
    /// <c>commits/N</c>, tells the sources, purges what retention no longer needs and reports its progress.
    /// </summary>
    private void CompletePendingCommit()
    {
        if (_pending is not { } pending) return;
        _pending = null;
        long batchId = pending.Entry.BatchId;
        _currentBatchId = batchId;
        Dictionary<string, long> durations = pending.Durations;
        IStateStoreProvider stateProvider = _stateProvider!;

        long waitStart = Stopwatch.GetTimestamp();
        _stateCheckpoints?.Complete();
        CrashPoints.Hit(CrashPoints.StateCheckpointed, batchId, Name);
        IReadOnlyList<StateStoreMetrics> stateMetrics = pending.StateMetrics ?? stateProvider.CollectMetrics();
        durations["commitState"] += ElapsedMs(waitStart);

        long commitStart = Stopwatch.GetTimestamp();
        _checkpoint.Commits.Write(new CommitLogEntry
        {
            Version = CommitLogEntry.CurrentVersion,
            BatchId = batchId,
            NextBatchWatermarkMs = pending.NextWatermarkMs,
            NextInputWatermarksMs = pending.NextInputWatermarksMs,
        });
        CrashPoints.Hit(CrashPoints.CommitWritten, batchId, Name);
        for (int i = 0; i < _sources.Count; i++)
        {
            SourceOffsetRange range = pending.Entry.Sources[i];
            if (range.HasData) _sources[i].Commit(range.End!);
        }
        long oldestToKeep = batchId + 1 - _options.RetainBatches;
        if (oldestToKeep > 0)
        {
            _checkpoint.PurgeBefore(oldestToKeep);
            stateProvider.Purge(oldestToKeep);
        }
        durations["commitOffsets"] = ElapsedMs(commitStart);
        durations["triggerExecution"] = ElapsedMs(pending.TriggerStartTicks);

        double processingSeconds = Stopwatch.GetElapsedTime(pending.TriggerStartTicks).TotalSeconds;
        var progress = ProgressFactory.Create(pending.Facts with { ProcessingSeconds = processingSeconds, StateMetrics = stateMetrics });
        _currentBatchId = null;
        _reporter.Report(progress, pending.Facts.OutputRows, pending.NextWatermarkMs);
    }

    /// <summary>
    /// A batch that ran and reached its sink, waiting for its state to be durable and its commit to be written; its state
    /// metrics are already read when its provider checkpointed at once (null: read them once the checkpoint completed).
    /// </summary>
    private sealed record PendingCommit(
        OffsetLogEntry Entry,
        ProgressFactory.BatchFacts Facts,
        Dictionary<string, long> Durations,
        IReadOnlyList<StateStoreMetrics>? StateMetrics,
        long NextWatermarkMs,
        long[]? NextInputWatermarksMs,
        long TriggerStartTicks);

    /// <summary>
    /// Whether a batch without new data should run now: some operator closes windows on its own (and the option allows
    /// it), and either the watermark moved since the last batch and reached the plan's earliest window end, or the clock
    /// reached the earliest end of a processing-time window (or a timeout), or a processing-time trigger fired while an
    /// operator wants a batch every trigger (<c>UpdateStateByKey</c> holding state).
    /// </summary>
    private bool NoDataBatchDue(long nowMs)
    {
        if (!_noDataBatches) return false;
        long watermarkMs = _watermark.CurrentMs;
        bool eventTimeDue = watermarkMs != long.MinValue && watermarkMs > _lastBatchWatermarkMs && watermarkMs >= _runner.EventTimeDeadlineMs;
        return eventTimeDue || nowMs >= _runner.ProcessingTimeDeadlineMs
            || (_options.Trigger is Trigger.ProcessingTimeTrigger && _runner.WantsBatchEveryTrigger);
    }

    private static long ElapsedMs(long startTicks) => (long)Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds;
}
