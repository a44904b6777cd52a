using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

/// <summary>
/// A file landing in the input directory wakes a query on the default trigger at once. The engine's clock is manual
/// and never advanced here, so its idle poll never fires: only the wake-up can make these batches run.
/// </summary>
public sealed class NewFileWakeUpTests : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(20);
    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_source_signals_a_file_closed_after_writing_and_a_file_renamed_into_its_directory_not_one_still_open()
    {
        var signalled = new SemaphoreSlim(0);
        using var source = Source.TextFiles(_dir.Input);
        source.Open(_dir.Context() with { DataAvailable = () => signalled.Release() });
        Assert.True(((FileSource<string>)source).WatchesInputDirectory);

        using (var writing = new FileStream(Path.Combine(_dir.Input, "a.txt"), FileMode.CreateNew))
        {
            writing.Write("a"u8);
            writing.Flush();
            // Created and written but not closed: its writer may not be done, so nothing wakes the query yet.
            Assert.False(await signalled.WaitAsync(TimeSpan.FromMilliseconds(500)), "signalled for a file still being written");
        }
        Assert.True(await signalled.WaitAsync(s_bound), "no signal for a file closed after writing");
        while (signalled.CurrentCount > 0) await signalled.WaitAsync();

        string staged = Path.Combine(_dir.Root, "b.txt");
        await File.WriteAllTextAsync(staged, "b");
        File.Move(staged, Path.Combine(_dir.Input, "b.txt"));
        Assert.True(await signalled.WaitAsync(s_bound), "no signal for a file renamed into the directory");
    }

    [Fact]
    public async Task An_idle_query_on_the_default_trigger_runs_a_batch_for_each_new_file_without_its_poll()
    {
        var batches = new List<string[]>();
        var received = new SemaphoreSlim(0);
        var clock = new ManualClock();
        await using var query = StreamingQuery.Start(
            new LinesPlan(), [Source.TextFiles(_dir.Input)],
            Sink.ForeachBatch<string>((rows, _) =>
            {
                lock (batches) batches.Add([.. rows]);
                received.Release();
            }),
            new QueryOptions { CheckpointLocation = _dir.Checkpoint, Clock = clock, StateStore = StateStoreKind.InMemory });

        foreach (string name in new[] { "1", "2", "3" })
        {
            // Wait until the query is idle on its poll (a delay pending on the manual clock) before the file lands,
            // written beside the input folder and renamed into it, the way to publish a file atomically.
            while (clock.PendingDelays.Count == 0) await Task.Delay(5);
            string staged = Path.Combine(_dir.Root, name + ".txt");
            await File.WriteAllTextAsync(staged, name);
            File.Move(staged, Path.Combine(_dir.Input, name + ".txt"));
            Assert.True(await received.WaitAsync(s_bound), $"file {name} was not processed while the clock stood still");
        }
        await query.StopAsync();
        Assert.Null(query.Exception);
        lock (batches) Assert.Equal(["1", "2", "3"], batches.SelectMany(b => b));
    }
}
