using Compiled.Plans;
using Compiled.Sources;

namespace Compiled.Tests.TestSupport;

/// <summary>Wraps a source to count and intercept the engine's calls.</summary>
public sealed class ProbeSource<T> : ISource<T>, ISourceMetrics
{
    private readonly ISource<T> _inner;
    private int _latestOffsetCalls;

    public ProbeSource(ISource<T> inner) => _inner = inner;

    public int LatestOffsetCalls => Volatile.Read(ref _latestOffsetCalls);
    public int PrepareCalls { get; private set; }
    public int OpenCalls { get; private set; }
    public bool Disposed { get; private set; }
    public SourceContext? Context { get; private set; }
    public List<string> Commits { get; } = [];
    public List<(string? Start, string End)> Reads { get; } = [];

    /// <summary>Runs inside LatestOffset, on the batch thread (e.g. to block it).</summary>
    public Action? OnLatestOffset { get; set; }

    /// <summary>Called at the start of each <see cref="Read"/> (on the batch thread).</summary>
    public Action? OnRead { get; set; }

    public string Description => "Probe(" + _inner.Description + ")";

    public void Open(SourceContext context)
    {
        OpenCalls++;
        Context = context;
        _inner.Open(context);
    }

    public SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit)
    {
        Interlocked.Increment(ref _latestOffsetCalls);
        OnLatestOffset?.Invoke();
        return _inner.LatestOffset(start, limit);
    }

    public void PrepareForAvailableNow()
    {
        PrepareCalls++;
        _inner.PrepareForAvailableNow();
    }

    public long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot)
    {
        OnRead?.Invoke();
        lock (Reads) Reads.Add((start?.Json, end.Json));
        return _inner.Read(start, end, inputs, slot);
    }

    public void Commit(SourceOffset end)
    {
        lock (Commits) Commits.Add(end.Json);
        _inner.Commit(end);
    }

    public IReadOnlyDictionary<string, string> GetMetrics() =>
        new Dictionary<string, string> { ["readsSoFar"] = Reads.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public void Dispose()
    {
        Disposed = true;
        _inner.Dispose();
    }
}
