namespace Compiled.EndToEnd.Tests.Support;

/// <summary>
/// Requests a stop from the batch thread once a given batch is reported: deterministic, unlike a stop from the
/// test thread, which races with the batches.
/// </summary>
internal sealed class StopAfterBatch(long batchId) : IStreamingQueryListener
{
    private readonly TaskCompletionSource<StreamingQuery> _query = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The query to stop; set right after <c>Start</c> returns (a batch that comes first waits for it).</summary>
    public StreamingQuery Query
    {
        set => _query.SetResult(value);
    }

    public void OnQueryProgress(StreamingQueryProgress progress)
    {
        // From the batch thread StopAsync only requests the stop; its task completes once the query ended.
        if (progress.BatchId == batchId) _ = _query.Task.WaitAsync(TimeSpan.FromSeconds(30)).Result.StopAsync();
    }
}
