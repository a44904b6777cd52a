using Compiled.Batches;

namespace Compiled.EndToEnd.Tests.Pool;

/// <summary>
/// Reads <see cref="BatchPool.Outstanding"/> on the batch thread after each batch, while the query still holds its
/// buffers, so a test can show that buffers were rented at all.
/// </summary>
internal sealed class PoolProbe : IStreamingQueryListener
{
    private readonly List<long> _outstanding = [];

    public IReadOnlyList<long> OutstandingDuringBatches
    {
        get { lock (_outstanding) return _outstanding.ToArray(); }
    }

    public void OnQueryProgress(StreamingQueryProgress progress)
    {
        lock (_outstanding) _outstanding.Add(BatchPool.Outstanding);
    }
}
