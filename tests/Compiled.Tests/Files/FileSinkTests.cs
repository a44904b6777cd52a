using Compiled.IO;
using Compiled.Sinks;
using Compiled.Sinks.Files;
using Compiled.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Tests.Files;

public sealed class FileSinkTests : IDisposable
{
    [Flags]
    public enum Flags { None = 0, A = 1, B = 2 }

    public sealed record Row(string? Name, int Count, decimal Amount, DateTime Time, bool Flag, double? Score, Flags Kind);

    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Output => Path.Combine(_dir.Root, "out");

    /// <summary>One query id for every open: a restarted sink belongs to the same query, which owns the output.</summary>
    private readonly Guid _queryId = Guid.NewGuid();

    private SinkContext Context(OutputMode mode = OutputMode.Append) =>
        new(_queryId, "test-query", mode, "/unused", NullLogger.Instance);

    private static Row[] Rows(int batch) =>
    [
        new($"n{batch}", batch, 1.5m + batch, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567 + batch), true, null, Flags.A),
        new("comma, \"quote\"\nnewline", -batch, -0.001m, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), false, 2.5e-7, Flags.A | Flags.B),
        new("", 0, 0m, DateTime.MinValue.ToUniversalTime(), false, double.NaN, Flags.None),
        new(null, int.MaxValue, 79228162514264337593543950335m, new DateTime(2000, 2, 29, 0, 0, 0, DateTimeKind.Utc), true, -0.0, (Flags)8),
    ];

    public static TheoryData<string> Formats => new() { "json", "csv" };

    private FileSink<Row> Create(string format) => format == "json" ? Sink.JsonFiles<Row>(Output) : Sink.CsvFiles<Row>(Output);

    private IReadOnlyList<Row> ReadBack(string format) =>
        format == "json" ? FileSinkReader.ReadJsonLines<Row>(Output) : FileSinkReader.ReadCsv<Row>(Output);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Batches_round_trip_through_the_reader_in_batch_order(string format)
    {
        using var sink = Create(format);
        sink.Open(Context());
        sink.AddBatch(0, Rows(0));
        sink.AddBatch(1, Rows(1));

        Assert.Equal([.. Rows(0), .. Rows(1)], ReadBack(format));
        Assert.Equal(2, FileSinkReader.CommittedFiles(Output).Count);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Replaying_a_committed_batch_writes_nothing(string format)
    {
        using var sink = Create(format);
        sink.Open(Context());
        sink.AddBatch(0, Rows(0));
        var before = Directory.GetFiles(Output);

        sink.AddBatch(0, Rows(0));

        Assert.Equal(before, Directory.GetFiles(Output));
        Assert.Equal(Rows(0), ReadBack(format));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Replaying_an_uncommitted_batch_removes_the_crashed_attempt_and_rewrites_it(string format)
    {
        using var sink = Create(format);
        sink.Open(Context());
        sink.AddBatch(1, Rows(1));
        sink.AddBatch(2, Rows(2));
        sink.AddBatch(10, Rows(10));
        // A crash after the data file of batch 2 was written but before its manifest: drop the manifest
        // and leave a half-written temporary file as well.
        File.Delete(Path.Combine(Output, "_manifest", "2"));
        string orphan = Assert.Single(Directory.GetFiles(Output, "part-00002-*"));
        File.WriteAllText(DurableFile.TempPathFor(Path.Combine(Output, "part-00002-deadbeef.jsonl")), "partial");

        Assert.Equal([.. Rows(1), .. Rows(10)], ReadBack(format));

        using var restarted = Create(format);
        restarted.Open(Context());
        restarted.AddBatch(2, Rows(2));

        Assert.False(File.Exists(orphan));
        Assert.Empty(Directory.GetFiles(Output, DurableFile.TempPrefix + "part-*"));
        Assert.Single(Directory.GetFiles(Output, "part-00002-*"));
        Assert.Single(Directory.GetFiles(Output, "part-00001-*"));
        Assert.Single(Directory.GetFiles(Output, "part-00010-*"));
        Assert.Equal([.. Rows(1), .. Rows(2), .. Rows(10)], ReadBack(format));
    }

    [Fact]
    public void Reader_ignores_files_no_manifest_lists()
    {
        using var sink = Sink.JsonFiles<Row>(Output);
        sink.Open(Context());
        sink.AddBatch(0, Rows(0));
        File.WriteAllText(Path.Combine(Output, "part-00001-0123.jsonl"), "{\"Name\":\"uncommitted\"}\n");

        Assert.Equal(Rows(0), FileSinkReader.ReadJsonLines<Row>(Output));
        Assert.Single(FileSinkReader.CommittedFiles(Output));
    }

    [Fact]
    public void An_empty_batch_commits_without_a_data_file()
    {
        using var sink = Sink.CsvFiles<Row>(Output);
        sink.Open(Context());
        sink.AddBatch(0, []);

        Assert.Equal(["v1"], File.ReadAllLines(Path.Combine(Output, "_manifest", "0")));
        Assert.Empty(FileSinkReader.CommittedFiles(Output));
        Assert.Empty(FileSinkReader.ReadCsv<Row>(Output));
    }

    [Fact]
    public void Csv_output_has_a_header_and_invariant_rfc4180_fields()
    {
        using var sink = Sink.CsvFiles<Row>(Output);
        sink.Open(Context());
        sink.AddBatch(3, Rows(0)[..2]);

        string file = Assert.Single(FileSinkReader.CommittedFiles(Output));
        Assert.StartsWith("part-00003-", Path.GetFileName(file));
        Assert.EndsWith(".csv", file);
        Assert.Equal(
            "Name,Count,Amount,Time,Flag,Score,Kind\n" +
            "n0,0,1.5,2024-05-06T07:08:09.1234567Z,true,,A\n" +
            "\"comma, \"\"quote\"\"\nnewline\",0,-0.001,2024-01-01T00:00:00.0000000Z,false,2.5E-07,\"A, B\"\n",
            File.ReadAllText(file));
    }

    [Fact]
    public void Modes_other_than_append_are_refused()
    {
        using var sink = Sink.JsonFiles<Row>(Output);
        Assert.Equal([OutputMode.Append], sink.SupportedModes);
        var error = Assert.Throws<NotSupportedException>(() => sink.Open(Context(OutputMode.Complete)));
        Assert.Equal($"FileSink[{Output}] of query 'test-query' supports only the Append output mode, not Complete.", error.Message);
    }

    [Fact]
    public void A_manifest_naming_a_missing_file_is_reported()
    {
        using var sink = Sink.JsonFiles<Row>(Output);
        sink.Open(Context());
        sink.AddBatch(0, Rows(0));
        File.Delete(Assert.Single(FileSinkReader.CommittedFiles(Output)));

        var error = Assert.Throws<FileNotFoundException>(() => FileSinkReader.CommittedFiles(Output));
        Assert.StartsWith($"File sink '{Output}': batch 0 lists data file 'part-00000-", error.Message);
    }

    [Fact]
    public void A_file_source_reading_the_sink_output_sees_only_committed_files()
    {
        using var sink = Sink.JsonFiles<Row>(Output);
        sink.Open(Context());
        sink.AddBatch(0, Rows(0));
        File.WriteAllText(Path.Combine(Output, "part-00001-0123.jsonl"), "{\"Name\":\"uncommitted\"}\n");
        using var source = Source.JsonFiles<Row>(Output);
        source.Open(_dir.Context());

        var (first, end) = SourceBatches.NextBatch(source, null);
        Assert.Equal(Rows(0), first);

        sink.AddBatch(1, Rows(1));
        Assert.Equal(Rows(1), SourceBatches.NextBatch(source, end).Rows);
    }
}
