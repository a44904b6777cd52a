using Compiled.Plans;
using Compiled.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Drives a source as the engine does (open, plan the next end offset, read the range, commit), without a query, so
/// a test sees each batch's offsets and rows.
/// </summary>
internal sealed class SourceHarness<T> : IDisposable
{
    private readonly ISource<T> _source;

    public SourceHarness(ISource<T> source, string checkpointDirectory, IClock? clock = null, SourceOffset? start = null)
    {
        _source = source;
        CheckpointDirectory = checkpointDirectory;
        Start = start;
        source.Open(new SourceContext("kafka-test", 0, checkpointDirectory, clock ?? new TestClock(), NullLogger.Instance));
    }

    public string CheckpointDirectory { get; }

    /// <summary>The start of the next batch (the end of the last one read).</summary>
    public SourceOffset? Start { get; private set; }

    /// <summary>Plans and reads the next batch; null when the source had nothing new.</summary>
    public (SourceOffset End, List<T> Rows)? Next(ReadLimit limit = default)
    {
        SourceOffset? end = _source.LatestOffset(Start, limit);
        if (end is null || end == Start) return null;
        var rows = ReadRange(Start, end);
        _source.Commit(end);
        Start = end;
        return (end, rows);
    }

    /// <summary>Reads (start, end] again, as a replay would.</summary>
    public List<T> ReadRange(SourceOffset? start, SourceOffset end)
    {
        var inputs = new BatchInputs(1);
        long count = _source.Read(start, end, inputs, 0);
        var rows = inputs.Get<T>(0).ToArray().ToList();
        Assert.Equal(count, rows.Count);
        return rows;
    }

    /// <summary>Every batch until the source has nothing new.</summary>
    public List<T> Drain(ReadLimit limit = default)
    {
        var all = new List<T>();
        while (Next(limit) is { } batch) all.AddRange(batch.Rows);
        return all;
    }

    /// <summary>The source's counters for the batch just read.</summary>
    public IReadOnlyDictionary<string, string> Metrics => ((ISourceMetrics)_source).GetMetrics();

    public void Dispose() => _source.Dispose();
}

/// <summary>A clock tests move by hand.</summary>
internal sealed class TestClock : IClock
{
    public long UtcNowMs { get; set; } = 1_700_000_000_000;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;
}
