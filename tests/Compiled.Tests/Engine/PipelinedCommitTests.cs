using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

/// <summary>
/// Batch N's commit is left pending while batch N+1 is read and run, so its state is made durable meanwhile; the
/// checkpoint's files still change in the order offsets/N, sink N, commits/N, offsets/N+1, sink N+1.
/// </summary>
public sealed class PipelinedCommitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options() => new()
    {
        CheckpointLocation = _dir.Combine(["chk"]),
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
    };

    private bool Logged(string log, long batchId) => File.Exists(_dir.Combine(["chk", log, batchId.ToString(System.Globalization.CultureInfo.InvariantCulture)]));

    [Fact]
    public async Task The_next_batch_runs_before_the_previous_commit_and_reaches_the_sink_after_it()
    {
        string[] words = ["a", "b", "a", "c", "b", "a", "d", "a", "c", "e", "b", "a"];
        var memory = Source.Memory<string>(maxRowsPerTrigger: 2);
        memory.AddData(words);
        var source = new ProbeSource<string>(memory);
        var seenAtRead = new List<(long Batch, bool PreviousCommitted, bool Logged)>();
        var seenAtSink = new List<(long Batch, bool PreviousCommitted, bool Logged)>();
        long reads = 0;
        source.OnRead = () =>
        {
            long batch = reads++;
            seenAtRead.Add((batch, batch == 0 || Logged("commits", batch - 1), Logged("offsets", batch)));
        };
        var rows = Sink.Memory<(string Key, long Count)>();
        var sink = new ProbeSink<(string Key, long Count)>(rows)
        {
            BeforeAddBatch = batch => seenAtSink.Add((batch, batch == 0 || Logged("commits", batch - 1), Logged("offsets", batch))),
        };

        var query = StreamingQuery.Start(new KeyedCountPlan(mode: OutputMode.Complete), [source], sink, Options());
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        Assert.Equal(6, seenAtSink.Count);
        // Reading batch N+1 (N >= 0) happens while batch N's commit is still pending, and before N+1 is logged.
        Assert.All(seenAtRead.Skip(1), s => Assert.Equal((s.Batch, false, false), s));
        // The sink sees batch N+1 only once batch N is committed and N+1 logged.
        Assert.All(seenAtSink, s => Assert.Equal((s.Batch, true, true), s));
        Assert.True(Logged("commits", 5));
        var expected = words.CountBy(w => w).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, (long)p.Value));
        Assert.Equal(expected, rows.Rows.TakeLast(5).OrderBy(r => r.Key, StringComparer.Ordinal));
        // Each batch's progress, reported once its commit completed, describes that batch's state, not the next one's.
        Assert.Equal([0L, 1, 2, 3, 4, 5], query.RecentProgress.Select(p => p.BatchId));
        Assert.Equal(
            Enumerable.Range(1, 6).Select(n => (long)words.Take(2 * n).Distinct().Count()),
            query.RecentProgress.Select(p => p.StateOperators.Single().NumRowsTotal));
    }
}
