using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

public sealed class TextFileSourceTests : IDisposable
{
    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_lines_with_every_line_ending_and_keeps_empty_lines()
    {
        _dir.Write("a.txt", "one\r\ntwo\n\nthree\rfour\n", 0);
        using var source = Source.TextFiles(_dir.Input);
        source.Open(_dir.Context());

        var (rows, end) = SourceBatches.NextBatch(source, null);

        Assert.Equal(["one", "two", "", "three", "four"], rows);
        Assert.Equal("{\"logOffset\":0}", end!.Json);
    }

    [Fact]
    public void Byte_order_mark_is_not_part_of_the_first_line()
    {
        File.WriteAllBytes(Path.Combine(_dir.Input, "bom.txt"), [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i', (byte)'\n']);
        using var source = Source.TextFiles(_dir.Input);
        source.Open(_dir.Context());

        Assert.Equal(["hi"], SourceBatches.NextBatch(source, null).Rows);
    }

    [Fact]
    public void Files_are_read_in_modification_order_with_ties_by_name_and_hidden_files_ignored()
    {
        _dir.Write("c.txt", "c", 1);
        _dir.Write("b.txt", "b", 2);
        _dir.Write("a.txt", "a", 2);
        _dir.Write("z.txt", "z", 0);
        _dir.Write(".hidden.txt", "hidden", 0);
        _dir.Write("_temporary.txt", "temporary", 0);
        using var source = Source.TextFiles(_dir.Input);
        source.Open(_dir.Context());

        Assert.Equal(["z", "c", "a", "b"], SourceBatches.NextBatch(source, null).Rows);
    }

    [Fact]
    public void Nothing_new_returns_the_start_offset_and_new_files_form_the_next_batch()
    {
        using var source = Source.TextFiles(_dir.Input);
        source.Open(_dir.Context());
        Assert.Null(source.LatestOffset(null, default));

        _dir.Write("1.txt", "x", 0);
        var (first, end1) = SourceBatches.NextBatch(source, null);
        Assert.Equal(["x"], first);
        Assert.Same(end1, source.LatestOffset(end1, default));

        _dir.Write("2.txt", "y", 1);
        var (second, end2) = SourceBatches.NextBatch(source, end1);
        Assert.Equal(["y"], second);
        Assert.Equal("{\"logOffset\":1}", end2!.Json);
    }

    [Fact]
    public void Missing_input_directory_is_reported_at_open()
    {
        using var source = Source.TextFiles(Path.Combine(_dir.Root, "nope"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => source.Open(_dir.Context()));
        Assert.Contains("nope", error.Message);
        Assert.Contains("test-query", error.Message);
    }

    [Fact]
    public void Metrics_count_the_files_left_for_later_batches()
    {
        for (int i = 0; i < 5; i++) _dir.Write($"{i}.txt", "x\n", i);
        using var source = Source.TextFiles(_dir.Input, new FileSourceOptions { MaxFilesPerTrigger = 2 });
        source.Open(_dir.Context());
        source.PrepareForAvailableNow();

        var (_, end) = SourceBatches.NextBatch(source, null);
        Assert.Equal("3", source.GetMetrics()["numFilesRemaining"]);
        (_, end) = SourceBatches.NextBatch(source, end);
        Assert.Equal("1", source.GetMetrics()["numFilesRemaining"]);
        SourceBatches.NextBatch(source, end);
        Assert.Equal("0", source.GetMetrics()["numFilesRemaining"]);
    }

    [Fact]
    public void Metrics_count_files_and_bytes_of_the_last_batch()
    {
        _dir.Write("a.txt", "abc\n", 0);
        _dir.Write("b.txt", "de\n", 1);
        using var source = Source.TextFiles(_dir.Input);
        source.Open(_dir.Context());
        SourceBatches.NextBatch(source, null);

        var metrics = source.GetMetrics();
        Assert.Equal("2", metrics["numFilesRead"]);
        Assert.Equal("7", metrics["numBytesRead"]);
        Assert.Equal("0", metrics["numBadRecordsSkipped"]);
    }
}
