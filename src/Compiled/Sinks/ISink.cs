namespace Compiled.Sinks;

/// <summary>
/// Where a query's output goes. The engine calls <see cref="AddBatch"/> once per batch, and again with
/// the same id and the same rows when a batch is replayed after a crash: a sink that promises
/// exactly-once must make the second call a no-op.
/// </summary>
public interface ISink<T> : IDisposable
{
    /// <summary>Short description for progress reports, e.g. <c>FileSink[/data/out]</c>.</summary>
    string Description { get; }

    /// <summary>The output modes this sink accepts; starting a query in another mode fails with a message naming both.</summary>
    IReadOnlyCollection<OutputMode> SupportedModes { get; }

    /// <summary>Prepares the sink for a run.</summary>
    void Open(SinkContext context);

    /// <summary>Writes batch <paramref name="batchId"/>. In Complete mode the rows are the whole result.</summary>
    void AddBatch(long batchId, ReadOnlySpan<T> rows);
}

/// <summary>What a sink receives when the query opens it.</summary>
/// <param name="QueryId">The query id, stable across restarts.</param>
/// <param name="QueryName">The query name.</param>
/// <param name="OutputMode">The query's output mode.</param>
/// <param name="CheckpointDirectory">A directory private to the sink under the checkpoint (<c>sink/</c>).</param>
/// <param name="Logger">Logger for the query.</param>
public sealed record SinkContext(Guid QueryId, string QueryName, OutputMode OutputMode, string CheckpointDirectory, Microsoft.Extensions.Logging.ILogger Logger);
