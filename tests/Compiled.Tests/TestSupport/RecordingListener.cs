namespace Compiled.Tests.TestSupport;

/// <summary>Records every listener call; can be told to throw from each.</summary>
public sealed class RecordingListener : IStreamingQueryListener
{
    private readonly List<object> _events = [];

    public bool Throw { get; init; }

    public Action<StreamingQueryProgress>? OnProgress { get; init; }

    public IReadOnlyList<object> Events
    {
        get { lock (_events) return _events.ToArray(); }
    }

    public IReadOnlyList<StreamingQueryProgress> Progress => Events.OfType<StreamingQueryProgress>().ToArray();

    public void OnQueryStarted(QueryStartedEvent e) => Record(e);

    public void OnQueryProgress(StreamingQueryProgress progress)
    {
        Record(progress);
        OnProgress?.Invoke(progress);
    }

    public void OnQueryIdle(QueryIdleEvent e) => Record(e);

    public void OnQueryTerminated(QueryTerminatedEvent e) => Record(e);

    private void Record(object e)
    {
        lock (_events) _events.Add(e);
        if (Throw) throw new InvalidOperationException("listener failure (test)");
    }
}
