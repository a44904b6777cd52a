using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

public sealed class FileSourcePlanningTests : IDisposable
{
    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FileSource<string> Open(FileSourceOptions? options = null)
    {
        var source = Source.TextFiles(_dir.Input, options);
        source.Open(_dir.Context());
        return source;
    }

    /// <summary>Runs batches until nothing is new; each batch's rows joined.</summary>
    private static List<string[]> Drain(FileSource<string> source, ReadLimit limit = default)
    {
        var batches = new List<string[]>();
        SourceOffset? offset = null;
        while (true)
        {
            var (rows, end) = SourceBatches.NextBatch(source, offset, limit);
            if (end == offset) return batches;
            batches.Add(rows);
            offset = end;
        }
    }

    private void WriteNumbered(int count)
    {
        for (int i = 0; i < count; i++) _dir.Write($"f{i}.txt", $"r{i}", i);
    }

    [Fact]
    public void MaxFilesPerTrigger_splits_files_into_batches_in_order()
    {
        WriteNumbered(5);
        using var source = Open(new FileSourceOptions { MaxFilesPerTrigger = 2 });

        Assert.Equal([["r0", "r1"], ["r2", "r3"], ["r4"]], Drain(source));
    }

    [Fact]
    public void MaxBytesPerTrigger_limits_bytes_but_always_takes_one_file()
    {
        _dir.Write("a.txt", "aaaa", 0);       // 4 bytes
        _dir.Write("b.txt", "bbbb", 1);       // 4
        _dir.Write("c.txt", new string('c', 20), 2);
        _dir.Write("d.txt", "d", 3);
        using var source = Open(new FileSourceOptions { MaxBytesPerTrigger = 9 });

        Assert.Equal([["aaaa", "bbbb"], [new string('c', 20)], ["d"]], Drain(source));
    }

    [Fact]
    public void ReadLimit_All_ignores_per_trigger_limits()
    {
        WriteNumbered(4);
        using var source = Open(new FileSourceOptions { MaxFilesPerTrigger = 1 });

        Assert.Equal([["r0", "r1", "r2", "r3"]], Drain(source, ReadLimit.All));
    }

    [Fact]
    public void LatestFirst_takes_newest_files_first()
    {
        WriteNumbered(5);
        using var source = Open(new FileSourceOptions { LatestFirst = true, MaxFilesPerTrigger = 2 });

        Assert.Equal([["r4", "r3"], ["r2", "r1"], ["r0"]], Drain(source));
    }

    [Fact]
    public void MaxFileAge_is_measured_from_the_newest_file_and_the_first_batch_takes_everything()
    {
        _dir.WriteAged("old.txt", "old", 0);
        _dir.WriteAged("new.txt", "new", 10);
        using var source = Open(new FileSourceOptions { MaxFileAge = TimeSpan.FromDays(3) });

        var (first, end) = SourceBatches.NextBatch(source, null);
        Assert.Equal(["old", "new"], first);

        _dir.WriteAged("late-but-old.txt", "too old", 6.9);   // older than newest (10) - 3 days
        _dir.WriteAged("recent.txt", "recent", 7.5);
        var (second, _) = SourceBatches.NextBatch(source, end);
        Assert.Equal(["recent"], second);
    }

    [Fact]
    public void MaxFileAge_defaults_to_a_week()
    {
        _dir.WriteAged("a.txt", "a", 10);
        using var source = Open();
        var (_, end) = SourceBatches.NextBatch(source, null);

        _dir.WriteAged("b.txt", "b", 2.9);
        _dir.WriteAged("c.txt", "c", 3.1);
        Assert.Equal(["c"], SourceBatches.NextBatch(source, end).Rows);
    }

    [Fact]
    public void MaxFileAge_does_not_apply_to_latestFirst_with_a_limit()
    {
        _dir.WriteAged("old.txt", "old", 0);
        _dir.WriteAged("new.txt", "new", 30);
        using var source = Open(new FileSourceOptions { LatestFirst = true, MaxFilesPerTrigger = 1, MaxFileAge = TimeSpan.FromDays(1) });

        Assert.Equal([["new"], ["old"]], Drain(source));
    }

    [Fact]
    public void Available_now_takes_only_files_present_when_prepared()
    {
        WriteNumbered(3);
        using var source = Open(new FileSourceOptions { MaxFilesPerTrigger = 2 });
        source.PrepareForAvailableNow();
        _dir.Write("later.txt", "later", 10);

        Assert.Equal([["r0", "r1"], ["r2"]], Drain(source));
    }

    [Theory]
    [InlineData(0, null, "MaxFilesPerTrigger must be positive, got 0.")]
    [InlineData(null, 0L, "MaxBytesPerTrigger must be positive, got 0.")]
    [InlineData(1, 1L, "MaxFilesPerTrigger and MaxBytesPerTrigger cannot both be set; choose one.")]
    public void Invalid_limits_are_rejected_naming_the_option(int? maxFiles, long? maxBytes, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Source.TextFiles(_dir.Input, new FileSourceOptions { MaxFilesPerTrigger = maxFiles, MaxBytesPerTrigger = maxBytes }));

        Assert.Equal($"FileSourceOptions of file source '{_dir.Input}': {message}", error.Message);
    }

    [Fact]
    public void Bad_records_path_requires_redirect_and_redirect_requires_a_path()
    {
        var missing = Assert.Throws<ArgumentException>(() =>
            Source.TextFiles(_dir.Input, new FileSourceOptions { BadRecords = BadRecordPolicy.Redirect }));
        Assert.Equal($"FileSourceOptions of file source '{_dir.Input}': BadRecords = Redirect requires BadRecordsPath.", missing.Message);

        var unused = Assert.Throws<ArgumentException>(() =>
            Source.TextFiles(_dir.Input, new FileSourceOptions { BadRecordsPath = "/tmp/x" }));
        Assert.Contains("BadRecordsPath is set but BadRecords is Fail", unused.Message);
    }
}
