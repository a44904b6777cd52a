using Compiled.Tests.TestSupport;

namespace Compiled.Tests.EventTime;

/// <summary>Processing-time windows: rows land in the window of their batch's trigger time, closed by the clock.</summary>
public sealed class ProcessingTimeWindowTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_window_closes_in_a_batch_without_data_once_the_clock_passes_its_end_and_survives_a_restart()
    {
        var clock = new ManualClock(1_000);
        var options = new QueryOptions { CheckpointLocation = _dir.Combine("chk"), Clock = clock, StateStore = StateStoreKind.Faster, StateMemoryBudgetBytes = 1 << 20 };
        var source = Source.Memory<string>();
        var sink = new BatchCollectingSink<(long StartMs, string Word, long Count)>();

        var query = StreamingQuery.Start(new ProcessingTimeWordPlan(), [source], sink, options);
        source.AddData("a", "b", "a");
        await query.ProcessAllAvailableAsync().Bounded();
        clock.Advance(TimeSpan.FromMilliseconds(500));
        source.AddData("b");
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.Equal([0L, 1], sink.Batches.Keys);
        Assert.All(sink.Batches.Values, Assert.Empty);
        await query.StopAsync().Bounded();

        // After a restart the recovered window [0 s, 2 s) still waits; at 2.5 s the clock has passed its end.
        clock.Advance(TimeSpan.FromMilliseconds(1_000));
        query = StreamingQuery.Start(new ProcessingTimeWordPlan(), [source], sink, options);
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        Assert.Equal([0L, 1, 2], sink.Batches.Keys);
        Assert.Equal([(0L, "a", 2L), (0L, "b", 2L)], sink.Batches[2].OrderBy(r => r.Word, StringComparer.Ordinal));
        Assert.Equal(0, query.LastProgress!.NumInputRows);
    }
}
