using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks.Files;
using Compiled.Sources.Files;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Append-mode filter and projection from JSON files into the JSON file sink: what the sink committed equals
/// LINQ over all input, in input order, each row exactly once, across a stop and across a failed batch.
/// </summary>
public sealed class LargeSalesFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _input;
    private readonly string _output;

    public LargeSalesFileTests()
    {
        _input = _dir.Combine("in");
        _output = _dir.Combine("out");
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(401)]
    [InlineData(402)]
    public async Task Committed_output_equals_linq_exactly_once_across_a_stop(int seed)
    {
        var sales = InputData.Sales(2000, seed);
        var chunks = InputData.Chunks(sales, seed, 100);
        int half = chunks.Count / 2;
        var files = new InputFiles(_input);
        var recorder = new ProgressRecorder();
        var stopper = new StopAfterBatch(3);
        var options = Options([recorder, stopper]);

        // Run 1: files arrive while the default trigger polls; a listener stops the query after batch 3.
        var first = LargeSales.Start(NewSource(), Sink.JsonFiles<SaleLine>(_output), options);
        stopper.Query = first;
        foreach (var chunk in chunks.Take(half)) files.Add(chunk);
        await first.AwaitTerminationAsync().Within();
        Assert.Equal(3, recorder.Progress.Max(p => p.BatchId));
        int filesReadFirst = recorder.Progress.Sum(p => int.Parse(p.Sources[0].Metrics["numFilesRead"]));
        Assert.True(filesReadFirst < half, $"run 1 read {filesReadFirst} of {half} files before its stop");

        // Run 2: new source and sink objects on the same directories, available-now, after more files arrived.
        foreach (var chunk in chunks.Skip(half)) files.Add(chunk);
        var second = LargeSales.Start(NewSource(), Sink.JsonFiles<SaleLine>(_output), options with { Trigger = Trigger.AvailableNow });
        await second.AwaitTerminationAsync().Within();

        Assert.Equal(chunks.Count, recorder.Progress.Sum(p => int.Parse(p.Sources[0].Metrics["numFilesRead"])));
        Assert.Equal(Enumerable.Range(0, recorder.Progress.Count).Select(i => (long)i), recorder.Progress.Select(p => p.BatchId));
        Assert.Equal(Reference.LargeSales(sales), FileSinkReader.ReadJsonLines<SaleLine>(_output));
    }

    [Fact]
    public async Task A_batch_failed_on_a_bad_record_is_rerun_once_after_the_file_is_repaired()
    {
        var sales = InputData.Sales(600, 403);
        var chunks = InputData.Chunks(sales, 403, 60).Where(c => c.Length > 0).ToList();
        var files = new InputFiles(_input);
        foreach (var chunk in chunks) files.Add(chunk);
        // Corrupt the fourth file's last line; with one file per batch, batch 3 is logged, then fails reading it.
        string broken = Directory.GetFiles(_input).Order(StringComparer.Ordinal).ElementAt(3);
        string[] good = File.ReadAllLines(broken);
        DateTime modified = File.GetLastWriteTimeUtc(broken);
        File.WriteAllLines(broken, [.. good[..^1], "{\"Id\": 7, \"Quantity\": \"many\""]);
        File.SetLastWriteTimeUtc(broken, modified);
        var options = Options([]) with { Trigger = Trigger.AvailableNow };

        var first = LargeSales.Start(NewSource(maxFiles: 1), Sink.JsonFiles<SaleLine>(_output), options);
        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => first.AwaitTerminationAsync().Within());
        Assert.Equal(3, failure.BatchId);
        var bad = Assert.IsType<BadRecordException>(failure.InnerException);
        Assert.Equal(broken, bad.FilePath);
        Assert.Equal(good.Length, bad.LineNumber);
        Assert.Equal(Reference.LargeSales(chunks.Take(3).SelectMany(c => c)), FileSinkReader.ReadJsonLines<SaleLine>(_output));

        File.WriteAllLines(broken, good);
        File.SetLastWriteTimeUtc(broken, modified);
        var second = LargeSales.Start(NewSource(maxFiles: 1), Sink.JsonFiles<SaleLine>(_output), options);
        await second.AwaitTerminationAsync().Within();

        Assert.Equal(chunks.Count - 1, second.LastProgress?.BatchId);
        Assert.Equal(Reference.LargeSales(sales), FileSinkReader.ReadJsonLines<SaleLine>(_output));
    }

    private FileSource<Sale> NewSource(int maxFiles = 2) =>
        Source.JsonFiles<Sale>(_input, new FileSourceOptions { MaxFilesPerTrigger = maxFiles });

    private QueryOptions Options(IReadOnlyList<IStreamingQueryListener> listeners) => new()
    {
        CheckpointLocation = _dir.Combine("checkpoint"),
        StateStore = StateStoreKind.Faster,
        Listeners = listeners,
    };
}
