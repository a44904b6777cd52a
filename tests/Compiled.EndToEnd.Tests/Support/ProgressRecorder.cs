using System.Text.Json;

namespace Compiled.EndToEnd.Tests.Support;

/// <summary>
/// Records every batch's progress across query runs, so tests learn the batch boundaries the engine actually
/// chose; <see cref="WhenBatch"/> completes once a batch with at least a given id has been reported.
/// </summary>
internal sealed class ProgressRecorder : IStreamingQueryListener
{
    private readonly object _gate = new();
    private readonly List<StreamingQueryProgress> _progress = [];
    private readonly List<(long BatchId, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<StreamingQueryProgress> Progress
    {
        get { lock (_gate) return _progress.ToArray(); }
    }

    /// <summary>Completes when a batch whose id is at least <paramref name="batchId"/> has been reported.</summary>
    public Task WhenBatch(long batchId)
    {
        lock (_gate)
        {
            if (_progress.Any(p => p.BatchId >= batchId)) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((batchId, done));
            return done.Task;
        }
    }

    public void OnQueryProgress(StreamingQueryProgress progress)
    {
        lock (_gate)
        {
            _progress.Add(progress);
            foreach (var waiter in _waiters.Where(w => w.BatchId <= progress.BatchId).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>
    /// The row range (start, end] each batch read from a memory source (offsets <c>{"rows":N}</c>), by batch id;
    /// fails if a batch was reported twice (a graceful stop must never make the engine re-run a batch).
    /// </summary>
    public SortedDictionary<long, (int Start, int End)> MemoryRanges()
    {
        var ranges = new SortedDictionary<long, (int Start, int End)>();
        foreach (var p in Progress)
        {
            var source = Assert.Single(p.Sources);
            Assert.True(ranges.TryAdd(p.BatchId, (Rows(source.StartOffset), Rows(source.EndOffset))), $"batch {p.BatchId} was reported twice");
        }
        return ranges;
    }

    /// <summary>The (start, end] rows each batch read from each of two memory sources, by batch id.</summary>
    public SortedDictionary<long, ((int Start, int End) Left, (int Start, int End) Right)> TwoMemoryRanges()
    {
        var ranges = new SortedDictionary<long, ((int, int), (int, int))>();
        foreach (var p in Progress)
        {
            Assert.Equal(2, p.Sources.Count);
            Assert.True(ranges.TryAdd(p.BatchId, ((Rows(p.Sources[0].StartOffset), Rows(p.Sources[0].EndOffset)),
                (Rows(p.Sources[1].StartOffset), Rows(p.Sources[1].EndOffset)))), $"batch {p.BatchId} was reported twice");
        }
        return ranges;
    }

    /// <summary>The (start, end] rows each batch read from each of <paramref name="inputs"/> memory sources, by batch id.</summary>
    public SortedDictionary<long, (int Start, int End)[]> MemoryRanges(int inputs)
    {
        var ranges = new SortedDictionary<long, (int, int)[]>();
        foreach (var p in Progress)
        {
            Assert.Equal(inputs, p.Sources.Count);
            var batch = p.Sources.Select(s => (Rows(s.StartOffset), Rows(s.EndOffset))).ToArray();
            Assert.True(ranges.TryAdd(p.BatchId, batch), $"batch {p.BatchId} was reported twice");
        }
        return ranges;
    }

    private static int Rows(string? offset) =>
        offset is null ? 0 : JsonDocument.Parse(offset).RootElement.GetProperty("rows").GetInt32();
}
