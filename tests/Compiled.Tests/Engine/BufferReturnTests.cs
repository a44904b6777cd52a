using Compiled.Batches;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

[CollectionDefinition(nameof(BufferReturnTests), DisableParallelization = true)]
public sealed class BufferReturnCollection
{
}

/// <summary>Runs alone: <see cref="BatchPool.Outstanding"/> is process-wide.</summary>
[Collection(nameof(BufferReturnTests))]
public sealed class BufferReturnTests
{
    [Fact]
    public async Task A_stopped_query_returns_every_pooled_buffer()
    {
        long before = BatchPool.Outstanding;
        var source = Source.Memory<string>();
        var query = StreamingQuery.Start(new KeyedCountPlan(), [source], Sink.Memory<(string, long)>(),
            new QueryOptions { Clock = new ManualClock(), StateStore = StateStoreKind.InMemory });
        source.AddData("a", "b");
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.True(BatchPool.Outstanding > before);
        await query.StopAsync().Bounded();
        Assert.Equal(before, BatchPool.Outstanding);
    }
}
