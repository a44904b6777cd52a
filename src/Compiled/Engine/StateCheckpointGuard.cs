using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Compiled.Checkpointing;
using Compiled.State;

namespace Compiled.Engine;

/// <summary>
/// Runs the state store's checkpoint of each batch on a worker thread and waits for it with a bound, so that a
/// checkpoint that can never finish fails the query instead of hanging it.
/// </summary>
/// <remarks>
/// <para>FASTER does not report a failed page write: when the disk fills up mid-checkpoint its checkpoint task simply
/// never completes. While waiting, the guard watches the state directory's file system; once it is full (less than
/// <see cref="FullBelowBytes"/> free) and stays unchanged over a poll, the checkpoint is stuck on the full disk and
/// the query fails naming the directory and "no space left on device". Any other stall fails after
/// <see cref="QueryOptions.StateCheckpointTimeout"/>.</para>
/// <para>The batch thread blocks while the worker runs, so the provider is still called by one thread at a time.
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
    private readonly ManualResetEventSlim _done = new();
    private Thread? _worker;
    private long _batchId;
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

    /// <summary>Checkpoints state as version <paramref name="batchId"/>, or throws when that cannot finish.</summary>
    /// <exception cref="CheckpointException">The disk is full, or the checkpoint took longer than the timeout.</exception>
    internal void Checkpoint(long batchId)
    {
        if (_abandoned) throw new InvalidOperationException("A state checkpoint was abandoned; the query cannot continue.");
        _worker ??= StartWorker();
        _batchId = batchId;
        _failure = null;
        _done.Reset();
        _start.Release();

        long startTicks = Stopwatch.GetTimestamp();
        long previousFree = -1;
        while (!_done.Wait(s_pollInterval))
        {
            long free = FreeBytes();
            if (free >= 0 && free < FullBelowBytes && free == previousFree)
            {
                _abandoned = true;
                throw new CheckpointException(_stateDirectory,
                    $"Query '{_queryName}': the state checkpoint of batch {batchId} cannot be written to '{_stateDirectory}': " +
                    $"no space left on device ({free} bytes free). Free space on that file system and restart the query; " +
                    "it resumes from its last committed batch and runs this one again exactly once.");
            }
            previousFree = free;
            TimeSpan elapsed = Stopwatch.GetElapsedTime(startTicks);
            if (elapsed > _timeout)
            {
                _abandoned = true;
                throw new CheckpointException(_stateDirectory,
                    $"Query '{_queryName}': the state checkpoint of batch {batchId} under '{_stateDirectory}' did not finish within " +
                    $"{_timeout} (QueryOptions.StateCheckpointTimeout). The state store may have hit an I/O error it does not report " +
                    "(a full or failing disk); check the disk and restart the query, which resumes from its last committed batch.");
            }
        }
        _failure?.Throw();
    }

    /// <summary>Stops the worker; an abandoned one is left blocked where it is (it is a background thread).</summary>
    public void Dispose()
    {
        if (_worker is null || _abandoned) return;
        _batchId = -1;
        _start.Release();
        _worker.Join();
        _start.Dispose();
        _done.Dispose();
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
            try
            {
                _provider.Checkpoint(batchId);
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
