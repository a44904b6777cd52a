using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Compiled.Checkpointing;
using Compiled.State;

namespace Compiled.Engine;

/// <summary>
/// Runs the state store's checkpoint of each batch on a worker thread and waits for it with a bound, so that a
/// checkpoint that can never finish fails the query instead of hanging it. The durable part of the checkpoint (the
/// changelog frame's write and fsync) runs on while the batch thread goes on to the next batch.
/// </summary>
/// <remarks>
/// <para>FASTER does not report a failed page write: when the disk fills up mid-checkpoint its checkpoint task simply
/// never completes. While waiting, the guard watches the state directory's file system; once it is full (less than
/// <see cref="FullBelowBytes"/> free) and stays unchanged over a poll, the checkpoint is stuck on the full disk and
/// the query fails naming the directory and "no space left on device". Any other stall fails after
/// <see cref="QueryOptions.StateCheckpointTimeout"/>, counted from <see cref="Begin"/>.</para>
/// <para><see cref="Begin"/> blocks while the worker captures the stores (the provider's
/// <see cref="IStateStoreProvider.BeginCheckpoint"/>), or captures them itself when the provider says the capture only
/// copies memory (<see cref="IStateStoreProvider.CaptureMayWait"/>); the worker then makes the version durable alone,
/// which touches no store, until <see cref="Complete"/> waits for it. The provider is still called by one thread at a time.
/// A checkpoint given up on is abandoned with its worker; the query is failing, and a restart recovers from the
/// last committed version.</para>
/// </remarks>
internal sealed class StateCheckpointGuard : IDisposable
{
    /// <summary>Free bytes below which a stalled checkpoint is taken to be stuck on a full disk.</summary>
    internal const long FullBelowBytes = 1 << 20;

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    private readonly IStateStoreProvider _provider;
    private readonly string _stateDirectory;
    private readonly TimeSpan _timeout;
    private readonly string _queryName;
    private readonly SemaphoreSlim _start = new(0);
    private readonly ManualResetEventSlim _captured = new();
    private readonly ManualResetEventSlim _done = new();
    private Thread? _worker;
    private long _batchId;
    private long _startTicks;
    private bool _inFlight;
    // What makes the version durable, when Begin captured the stores itself; the worker then only runs it.
    private Action? _capturedDurable;
    private ExceptionDispatchInfo? _failure;
    private bool _abandoned;

    internal StateCheckpointGuard(IStateStoreProvider provider, string stateDirectory, TimeSpan timeout, string queryName)
    {
        _provider = provider;
        _stateDirectory = stateDirectory;
        _timeout = timeout;
        _queryName = queryName;
    }

    /// <summary>True when a checkpoint was given up on: its worker may still hold the provider.</summary>
    internal bool Abandoned => _abandoned;

    /// <summary>
    /// Checkpoints state as version <paramref name="batchId"/>: returns once the stores are captured, while the version
    /// is made durable on the worker. Completes the previous checkpoint first if it is still in flight.
    /// </summary>
    /// <exception cref="CheckpointException">The disk is full, or the checkpoint took longer than the timeout.</exception>
    internal void Begin(long batchId)
    {
        if (_abandoned) throw new InvalidOperationException("A state checkpoint was abandoned; the query cannot continue.");
        Complete();
        _worker ??= StartWorker();
        _batchId = batchId;
        _failure = null;
        _captured.Reset();
        _done.Reset();
        _startTicks = Stopwatch.GetTimestamp();
        if (!_provider.CaptureMayWait(batchId))
        {
            // A capture that only copies memory runs here: a hop to the worker and back cost more than the copy.
            _capturedDurable = _provider.BeginCheckpoint(batchId);
            if (_capturedDurable is null) return;
            _inFlight = true;
            _start.Release();
            return;
        }

        _inFlight = true;
        _start.Release();
        Await(_captured);
        if (_failure is not null) Complete();
    }

    /// <summary>Waits until the checkpoint begun last is durable; returns at once when none is in flight.</summary>
    /// <exception cref="CheckpointException">The disk is full, or the checkpoint took longer than the timeout.</exception>
    internal void Complete()
    {
        if (!_inFlight) return;
        Await(_done);
        _inFlight = false;
        _failure?.Throw();
    }

    /// <summary>Stops the worker; an abandoned one is left blocked where it is (it is a background thread).</summary>
    public void Dispose()
    {
        if (_worker is null || _abandoned) return;
        if (_inFlight) _done.Wait();
        _batchId = -1;
        _start.Release();
        _worker.Join();
        _start.Dispose();
        _captured.Dispose();
        _done.Dispose();
    }

    private void Await(ManualResetEventSlim step)
    {
        long previousFree = -1;
        while (!step.Wait(s_pollInterval))
        {
            long free = FreeBytes();
            if (free >= 0 && free < FullBelowBytes && free == previousFree)
            {
                _abandoned = true;
                throw new CheckpointException(_stateDirectory,
                    $"Query '{_queryName}': the state checkpoint of batch {_batchId} cannot be written to '{_stateDirectory}': " +
                    $"no space left on device ({free} bytes free). Free space on that file system and restart the query; " +
                    "it resumes from its last committed batch and runs this one again exactly once.");
            }
            previousFree = free;
            if (Stopwatch.GetElapsedTime(_startTicks) > _timeout)
            {
                _abandoned = true;
                throw new CheckpointException(_stateDirectory,
                    $"Query '{_queryName}': the state checkpoint of batch {_batchId} under '{_stateDirectory}' did not finish within " +
                    $"{_timeout} (QueryOptions.StateCheckpointTimeout). The state store may have hit an I/O error it does not report " +
                    "(a full or failing disk); check the disk and restart the query, which resumes from its last committed batch.");
            }
        }
    }

    private Thread StartWorker()
    {
        var worker = new Thread(Work) { IsBackground = true, Name = $"Compiled state checkpoint ({_queryName})" };
        worker.Start();
        return worker;
    }

    private void Work()
    {
        while (true)
        {
            _start.Wait();
            long batchId = _batchId;
            if (batchId < 0) return;
            Action? durable = _capturedDurable;
            _capturedDurable = null;
            if (durable is null)
            {
                try
                {
                    durable = _provider.BeginCheckpoint(batchId);
                }
                catch (Exception e)
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
                _captured.Set();
            }
            try
            {
                durable?.Invoke();
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            _done.Set();
        }
    }

    /// <summary>Bytes available to this process on the state directory's file system, or -1 when unknown.</summary>
    private long FreeBytes()
    {
        try
        {
            return new DriveInfo(_stateDirectory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return -1;
        }
    }
}
