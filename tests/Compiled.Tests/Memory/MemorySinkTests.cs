using Compiled.Sinks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Tests.Memory;

public sealed class MemorySinkTests
{
    private static MemorySink<int> Open(OutputMode mode)
    {
        var sink = Sink.Memory<int>();
        sink.Open(new SinkContext(Guid.NewGuid(), "Q", mode, "unused", NullLogger.Instance));
        return sink;
    }

    [Fact]
    public void Append_mode_accumulates_batches_and_ignores_a_replayed_batch_id()
    {
        var sink = Open(OutputMode.Append);
        sink.AddBatch(0, [1, 2]);
        sink.AddBatch(1, [3]);
        sink.AddBatch(1, [3]);
        sink.AddBatch(0, [1, 2]);
        Assert.Equal([1, 2, 3], sink.Rows);
        Assert.Equal([0L, 1L], sink.Batches.Select(b => b.BatchId));
        Assert.Equal(1, sink.LastBatchId);
        Assert.Equal(2, sink.ReplaysIgnored);
    }

    [Fact]
    public void Complete_mode_keeps_the_last_result()
    {
        var sink = Open(OutputMode.Complete);
        sink.AddBatch(0, [1, 2]);
        sink.AddBatch(1, [1, 2, 3]);
        Assert.Equal([1, 2, 3], sink.Rows);
        Assert.Equal(2, sink.Batches.Count);
    }

    [Fact]
    public void Supports_append_and_complete_only()
    {
        Assert.Equal([OutputMode.Append, OutputMode.Complete], Sink.Memory<int>().SupportedModes);
    }
}
