using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

/// <summary>The engine over the FASTER state store: state survives restarts and a failed batch is not counted twice.</summary>
public sealed class FasterStateQueryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new(5_000);

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options() => new()
    {
        CheckpointLocation = _dir.Combine(["chk"]),
        Clock = _clock,
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
    };

    [Fact]
    public async Task Counts_continue_across_a_restart_and_a_failed_batch_is_counted_once()
    {
        var source = Source.Memory<string>();
        var memory = Sink.Memory<(string Key, long Count)>();
        bool failed = false;
        var sink = new ProbeSink<(string Key, long Count)>(memory)
        {
            BeforeAddBatch = id =>
            {
                if (id == 2 && !failed)
                {
                    failed = true;
                    throw new IOException("sink unavailable (test)");
                }
            },
        };
        string[][] batches = [["a", "b", "a"], ["b", "c"], ["a", "c", "c"], ["d"]];

        var first = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options());
        source.AddData(batches[0]);
        await first.ProcessAllAvailableAsync().Bounded();
        source.AddData(batches[1]);
        await first.ProcessAllAvailableAsync().Bounded();
        source.AddData(batches[2]);
        await Assert.ThrowsAsync<StreamingQueryException>(() => first.ProcessAllAvailableAsync().Bounded());

        // The restarted query recovers state as of batch 1, re-runs batch 2 once, then reads batch 3.
        var second = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options());
        source.AddData(batches[3]);
        await second.ProcessAllAvailableAsync().Bounded();
        await second.StopAsync().Bounded();

        var expected = batches.SelectMany(b => b).CountBy(w => w).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (p.Key, (long)p.Value)).ToArray();
        var lastBatch = sink.BatchIdsSeen.Max();
        Assert.Equal(3, lastBatch);
        Assert.Equal(expected, memory.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray());
    }
}
