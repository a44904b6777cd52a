using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Checkpointing;

public sealed class RetentionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string[] Names(string directory) =>
        Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Old_offsets_and_commits_are_purged_and_sources_are_told_what_is_committed()
    {
        var memory = Source.Memory<int>();
        var source = new ProbeSource<int>(memory);
        var options = new QueryOptions { CheckpointLocation = _dir.Combine("chk"), Clock = new ManualClock(), RetainBatches = 2, StateStore = StateStoreKind.InMemory };
        var query = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), options);
        for (int i = 0; i < 5; i++)
        {
            memory.AddData(i);
            await query.ProcessAllAvailableAsync().Bounded();
        }
        await query.StopAsync().Bounded();

        Assert.Equal(["3", "4"], Names(_dir.Combine("chk", "offsets")));
        Assert.Equal(["3", "4"], Names(_dir.Combine("chk", "commits")));
        Assert.Equal(["{\"rows\":1}", "{\"rows\":2}", "{\"rows\":3}", "{\"rows\":4}", "{\"rows\":5}"], source.Commits);

        // What is kept is enough to resume.
        var sink = Sink.Memory<string>();
        var restarted = StreamingQuery.Start(new MapPlan(), [memory], sink, options);
        memory.AddData(5);
        await restarted.ProcessAllAvailableAsync().Bounded();
        await restarted.StopAsync().Bounded();
        Assert.Equal(5, sink.Batches.Single().BatchId);
        Assert.Equal(["v5"], sink.Rows);
    }
}
