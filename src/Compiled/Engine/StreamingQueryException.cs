namespace Compiled;

/// <summary>A query failed: names the query, the batch it was running and, as the inner exception, the cause.</summary>
public sealed class StreamingQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="queryName">The query's name.</param>
    /// <param name="queryId">The query's id.</param>
    /// <param name="batchId">The batch being planned or run; null when the query failed while starting or stopping.</param>
    /// <param name="cause">What went wrong.</param>
    public StreamingQueryException(string queryName, Guid queryId, long? batchId, Exception cause)
        : base(FormatMessage(queryName, batchId, cause), cause)
    {
        QueryName = queryName;
        QueryId = queryId;
        BatchId = batchId;
    }

    /// <summary>The query's name.</summary>
    public string QueryName { get; }

    /// <summary>The query's id.</summary>
    public Guid QueryId { get; }

    /// <summary>The batch being planned or run when the query failed; null outside a batch.</summary>
    public long? BatchId { get; }

    private static string FormatMessage(string queryName, long? batchId, Exception cause) =>
        batchId is long id
            ? $"Query '{queryName}' failed in batch {id}: {cause.GetType().Name}: {cause.Message}"
            : $"Query '{queryName}' failed outside a batch: {cause.GetType().Name}: {cause.Message}";
}
