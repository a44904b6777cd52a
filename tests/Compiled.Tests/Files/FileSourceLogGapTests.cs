using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

/// <summary>
/// A committed entry of the file source's log, or its compact file, deleted by hand: the restart is refused naming
/// the missing file, instead of reading the files it listed again and counting them twice.
/// </summary>
public sealed class FileSourceLogGapTests : IDisposable
{
    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string SourceLog => Path.Combine(_dir.Root, "chk", "sources", "0");

    private async Task RunAvailableNow(MemorySink<(string Key, long Count)> sink)
    {
        var source = Source.TextFiles(_dir.Input, new FileSourceOptions { MaxFilesPerTrigger = 1 });
        source.CompactInterval = 2;
        var query = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, new QueryOptions
        {
            CheckpointLocation = Path.Combine(_dir.Root, "chk"),
            Trigger = Trigger.AvailableNow,
            StateStore = StateStoreKind.InMemory,
        });
        await query.AwaitTerminationAsync().Bounded();
    }

    [Theory]
    [InlineData("2", "entry 2 is missing: '{0}/2' does not exist and the compact file '{0}/compact' covers only entries up to 1")]
    [InlineData("compact", "entry 0 is missing: neither '{0}/0' nor the compact file '{0}/compact' that would fold it in exists")]
    public async Task A_deleted_source_log_file_is_refused_naming_it_instead_of_reading_its_files_twice(string deleted, string expected)
    {
        for (int i = 0; i < 3; i++) _dir.Write($"f{i}.txt", "x", i);
        var sink = Sink.Memory<(string Key, long Count)>();
        await RunAvailableNow(sink);
        Assert.Equal([("x", 3L)], sink.Rows);
        // Entries 0 and 1 were folded into compact; entry 2 is still its own file.
        Assert.Equal(["2", "compact"], Directory.GetFiles(SourceLog).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        File.Delete(Path.Combine(SourceLog, deleted));
        _dir.Write("f3.txt", "x", 3);
        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => RunAvailableNow(sink));

        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, SourceLog), failure.Message, StringComparison.Ordinal);
        Assert.Contains("counted twice", failure.Message, StringComparison.Ordinal);
        Assert.Equal([("x", 3L)], sink.Rows);
    }
}
