using Compiled.Progress;
using Compiled.Sources;

namespace Compiled.Engine;

/// <summary>The trigger loops: when the next batch is planned.</summary>
internal sealed partial class MicroBatchExecution
{
    /// <summary>First idle poll delay of the default trigger (Spark polls every 10 ms).</summary>
    private static readonly TimeSpan s_minPollDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest idle poll delay: an idle query looks at its sources ten times a second.</summary>
    private static readonly TimeSpan s_maxPollDelay = TimeSpan.FromMilliseconds(100);

    private void RunTrigger()
    {
        // A stop before the first batch must not plan a new batch over a pending one.
        if (_signals.StopRequested) return;
        if (_recovery.PendingBatch is { } pending)
        {
            // Spark runs the uncommitted batch before anything else, whatever the trigger.
            QueryLog.ReplayingBatch(_logger, Name, pending.BatchId);
            long triggerStartMs = _clock.UtcNowMs;
            RunBatch(pending, logged: true, triggerStartMs, System.Diagnostics.Stopwatch.GetTimestamp(), new Dictionary<string, long>
            {
                ["latestOffset"] = 0,
            });
            if (_options.Trigger is Trigger.OnceTrigger) return;
        }

        switch (_options.Trigger)
        {
            case Trigger.OnceTrigger:
                TryRunNextBatch(ReadLimit.All);
                break;
            case Trigger.AvailableNowTrigger:
                while (!_signals.StopRequested && TryRunNextBatch(ReadLimit.Default))
                {
                }
                break;
            case Trigger.ProcessingTimeTrigger processingTime:
                RunProcessingTime(processingTime.Interval);
                break;
            default:
                RunDefault();
                break;
        }
    }

    /// <summary>Next batch as soon as the previous one ends; when idle, polls with a doubling delay.</summary>
    private void RunDefault()
    {
        TimeSpan delay = s_minPollDelay;
        while (!_signals.StopRequested)
        {
            if (TryRunNextBatch(ReadLimit.Default))
            {
                delay = s_minPollDelay;
                continue;
            }
            _signals.Wait(delay, wakeOnPoke: true);
            delay = delay * 2 > s_maxPollDelay ? s_maxPollDelay : delay * 2;
        }
    }

    /// <summary>
    /// Batches start on multiples of <paramref name="interval"/> (Spark's <c>ProcessingTimeExecutor</c>): a
    /// batch that ends early waits for the next boundary, a late one is followed at once, and a trigger
    /// that finds no new data runs no batch.
    /// </summary>
    private void RunProcessingTime(TimeSpan interval)
    {
        long intervalMs = Math.Max(1, (long)interval.TotalMilliseconds);
        while (!_signals.StopRequested)
        {
            long triggerMs = _clock.UtcNowMs;
            long nextTriggerMs = (triggerMs / intervalMs + 1) * intervalMs;
            long batchId = _nextBatchId;
            bool ran = TryRunNextBatch(ReadLimit.Default);
            long elapsedMs = _clock.UtcNowMs - triggerMs;
            if (ran && elapsedMs > intervalMs) QueryLog.FallingBehind(_logger, Name, batchId, elapsedMs, intervalMs);
            if (_signals.StopRequested) break;
            if (ran) _status = StreamingQueryStatus.WaitingForTrigger;
            long waitMs = nextTriggerMs - _clock.UtcNowMs;
            if (waitMs > 0)
            {
                CompletePendingCommit();
                waitMs = nextTriggerMs - _clock.UtcNowMs;
            }
            if (waitMs > 0) _signals.Wait(TimeSpan.FromMilliseconds(waitMs), wakeOnPoke: false);
        }
    }
}
