namespace Compiled;

/// <summary>
/// Receives a query's lifecycle and progress events. Called from the query's thread: keep handlers short,
/// and expect calls from different threads for different queries.
/// </summary>
public interface IStreamingQueryListener
{
    /// <summary>The query started (called synchronously inside Start).</summary>
    void OnQueryStarted(QueryStartedEvent e) { }

    /// <summary>A batch finished.</summary>
    void OnQueryProgress(StreamingQueryProgress progress) { }

    /// <summary>The query is waiting for new data.</summary>
    void OnQueryIdle(QueryIdleEvent e) { }

    /// <summary>The query stopped, with the failure when it failed.</summary>
    void OnQueryTerminated(QueryTerminatedEvent e) { }
}

/// <summary>A query started.</summary>
public sealed record QueryStartedEvent(Guid Id, Guid RunId, string Name, DateTimeOffset Timestamp);

/// <summary>A query is idle, waiting for data.</summary>
public sealed record QueryIdleEvent(Guid Id, Guid RunId, DateTimeOffset Timestamp);

/// <summary>A query terminated; <paramref name="Exception"/> is null after a clean stop.</summary>
public sealed record QueryTerminatedEvent(Guid Id, Guid RunId, Exception? Exception);
