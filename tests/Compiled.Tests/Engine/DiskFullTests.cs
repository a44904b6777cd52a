using Compiled.Checkpointing;
using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.IO;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

/// <summary>
/// A checkpoint on a real file system that fills up: the query fails promptly naming the path and "no space left",
/// never hangs, and a restart after space is freed gives exact counts.
/// </summary>
public sealed class DiskFullTests
{
    private static QueryOptions Options(TmpfsMount mount) => new()
    {
        CheckpointLocation = mount.Combine("chk"),
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
    };

    private static async Task<string> FailureOfStart(TmpfsMount mount, MemorySource<string> source, MemorySink<(string Key, long Count)> sink)
    {
        StreamingQuery query;
        try
        {
            query = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options(mount));
        }
        catch (CheckpointException e)
        {
            return e.Message;
        }
        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => query.AwaitTerminationAsync().Bounded());
        return failure.Message;
    }

    private static string[] Words(int from, int count) => Enumerable.Range(from, count).Select(i => "w" + (i % 5000)).ToArray();

    [Theory]
    [InlineData(0)]         // the offsets entry itself cannot be written
    [InlineData(8 << 10)]   // the offsets entry fits, the state checkpoint does not
    [InlineData(64 << 10)]
    public async Task A_full_disk_fails_the_query_naming_the_path_and_a_restart_after_freeing_space_is_exact(long leaveBytes)
    {
        using var mount = new TmpfsMount(8 << 20);
        var source = Source.Memory<string>();
        var sink = Sink.Memory<(string Key, long Count)>();
        string[] first = Words(0, 100), second = Words(100, 20_000), third = Words(3, 50);

        var query = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options(mount));
        source.AddData(first);
        await query.ProcessAllAvailableAsync().Bounded();
        mount.Fill(leaveBytes);
        source.AddData(second);
        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => query.ProcessAllAvailableAsync().Bounded());
        await query.StopAsync().Bounded();
        Assert.Equal(1, failure.BatchId);
        Assert.Contains("no space left on device", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(mount.Path, failure.Message, StringComparison.Ordinal);

        // Still full: the restart fails the same way, at start or in the re-run batch, never with a raw I/O error.
        string again = await FailureOfStart(mount, source, sink);
        Assert.Contains("no space left on device", again, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(mount.Path, again, StringComparison.Ordinal);

        mount.Free();
        var restarted = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options(mount));
        source.AddData(third);
        await restarted.ProcessAllAvailableAsync().Bounded();
        await restarted.StopAsync().Bounded();

        var expected = first.Concat(second).Concat(third).CountBy(w => w).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (p.Key, (long)p.Value)).ToArray();
        Assert.Equal(expected, sink.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray());
    }
}
