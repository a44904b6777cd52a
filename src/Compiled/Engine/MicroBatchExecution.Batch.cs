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
            SourceOffset? start = _committedOffsets[i];
            SourceOffset? end = _sources[i].LatestOffset(start, limit) ?? start;
            ranges[i] = new SourceOffsetRange { Description = _sources[i].Description, Start = start, End = end };
            hasData |= ranges[i].HasData;
        }
        long latestOffsetMs = ElapsedMs(triggerStartTicks);

        if (!hasData && !NoDataBatchDue(triggerStartMs))
        {
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
            // Nothing is logged yet: abandoning here leaves the checkpoint exactly as the last commit left it.
            _currentBatchId = null;
            return false;
        }

        long walStart = Stopwatch.GetTimestamp();
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
        _checkpoint.Offsets.Write(entry);
        CrashPoints.Hit(CrashPoints.OffsetsWritten, entry.BatchId, Name);
        var durations = new Dictionary<string, long>
        {
            ["latestOffset"] = latestOffsetMs,
            ["walCommit"] = ElapsedMs(walStart),
        };
        RunBatch(entry, triggerStartMs, triggerStartTicks, durations);
        return true;
    }

    /// <summary>
    /// Runs the batch logged in <paramref name="entry"/>, new or replayed: reads exactly its ranges, runs
    /// the plan and the sink, checkpoints state, writes <c>commits/N</c>, purges old entries and reports.
    /// </summary>
    private void RunBatch(OffsetLogEntry entry, long triggerStartMs, long triggerStartTicks, Dictionary<string, long> durations)
    {
        long batchId = entry.BatchId;
        _currentBatchId = batchId;
        _idle = false;
        _status = StreamingQueryStatus.Processing;
        bool noData = true;
        foreach (SourceOffsetRange range in entry.Sources) noData &= !range.HasData;
        _batch.Reset(batchId, entry.BatchWatermarkMs, entry.BatchTimestampMs, noData);
        _inputs.Clear();
        IStateStoreProvider stateProvider = _stateProvider!;

        long addBatchStart = Stopwatch.GetTimestamp();
        var rows = new long[_sources.Count];
        for (int i = 0; i < _sources.Count; i++)
        {
            SourceOffsetRange range = entry.Sources[i];
            if (range.HasData) rows[i] = _sources[i].Read(range.Start, range.End!, _inputs, i);
        }
        long outputRows = _runner.Execute(_inputs, _batch);
        CrashPoints.Hit(CrashPoints.SinkWritten, batchId, Name);
        durations["addBatch"] = ElapsedMs(addBatchStart);

        long commitStateStart = Stopwatch.GetTimestamp();
        if (_stateCheckpoints is not null) _stateCheckpoints.Checkpoint(batchId);
        else stateProvider.Checkpoint(batchId);
        CrashPoints.Hit(CrashPoints.StateCheckpointed, batchId, Name);
        IReadOnlyList<StateStoreMetrics> stateMetrics = stateProvider.CollectMetrics();
        durations["commitState"] = ElapsedMs(commitStateStart);

        long commitStart = Stopwatch.GetTimestamp();
        long nextWatermarkMs = _watermark.Advance(_batch);
        _lastBatchWatermarkMs = entry.BatchWatermarkMs;
        _checkpoint.Commits.Write(new CommitLogEntry
        {
            Version = CommitLogEntry.CurrentVersion,
            BatchId = batchId,
            NextBatchWatermarkMs = nextWatermarkMs,
            NextInputWatermarksMs = _watermark.InputsMs,
        });
        CrashPoints.Hit(CrashPoints.CommitWritten, batchId, Name);
        for (int i = 0; i < _sources.Count; i++)
        {
            SourceOffsetRange range = entry.Sources[i];
            _committedOffsets[i] = range.End;
            if (range.HasData) _sources[i].Commit(range.End!);
        }
        _nextBatchId = batchId + 1;
        long oldestToKeep = batchId + 1 - _options.RetainBatches;
        if (oldestToKeep > 0)
        {
            _checkpoint.PurgeBefore(oldestToKeep);
            stateProvider.Purge(oldestToKeep);
        }
        durations["commitOffsets"] = ElapsedMs(commitStart);
        durations["triggerExecution"] = ElapsedMs(triggerStartTicks);

        double processingSeconds = Stopwatch.GetElapsedTime(triggerStartTicks).TotalSeconds;
        double inputSeconds = _lastTriggerStartMs < 0 ? 0 : (triggerStartMs - _lastTriggerStartMs) / 1000.0;
        _lastTriggerStartMs = triggerStartMs;
        var progress = ProgressFactory.Create(new ProgressFactory.BatchFacts(
            Id, RunId, Name, triggerStartMs, entry, rows, outputRows, durations, processingSeconds, inputSeconds,
            _batch, stateMetrics, _info.StateOperators, _sources, _runner.SinkDescription));
        _currentBatchId = null;
        _reporter.Report(progress, outputRows, nextWatermarkMs);
    }

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
