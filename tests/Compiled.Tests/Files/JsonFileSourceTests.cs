using System.Text.Json;
using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

public sealed class JsonFileSourceTests : IDisposable
{
    public sealed record Trade(string Symbol, int Amount, DateTime Time, decimal? Price = null);

    public sealed class Settable
    {
        public string? Name { get; set; }
        public long Count { get; init; }
    }

    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Maps_lines_to_records_with_case_insensitive_names_and_skips_blank_lines()
    {
        _dir.Write("t.jsonl",
            "{\"symbol\":\"AB\",\"AMOUNT\":3,\"time\":\"2024-01-02T03:04:05Z\",\"price\":1.25}\r\n" +
            "\n   \n" +
            "{\"Symbol\":\"CD\",\"amount\":-1,\"Time\":\"2024-01-02T00:00:00Z\"}", 0);
        using var source = Source.JsonFiles<Trade>(_dir.Input);
        source.Open(_dir.Context());

        var rows = SourceBatches.NextBatch(source, null).Rows;

        Assert.Equal(
            [new Trade("AB", 3, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), 1.25m),
             new Trade("CD", -1, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc))],
            rows);
    }

    [Fact]
    public void Maps_settable_and_init_properties()
    {
        _dir.Write("s.jsonl", "{\"name\":\"x\",\"count\":7}\n{\"count\":1}\n", 0);
        using var source = Source.JsonFiles<Settable>(_dir.Input);
        source.Open(_dir.Context());

        var rows = SourceBatches.NextBatch(source, null).Rows;

        Assert.Equal([("x", 7L), (null, 1L)], rows.Select(r => (r.Name, r.Count)));
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_and_many_lines_match_a_reference_parse()
    {
        var expected = new List<Trade>();
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            var trade = new Trade(i == 17 ? new string('s', 200_000) : "S" + i, i, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i));
            expected.Add(trade);
            text.Append(JsonSerializer.Serialize(trade)).Append('\n');
        }
        _dir.Write("big.jsonl", text.ToString(), 0);
        using var source = Source.JsonFiles<Trade>(_dir.Input);
        source.Open(_dir.Context());

        Assert.Equal(expected, SourceBatches.NextBatch(source, null).Rows);
    }

    [Fact]
    public void Bad_record_fails_by_default_naming_file_line_and_problem()
    {
        string path = _dir.Write("bad.jsonl", "{\"symbol\":\"A\",\"amount\":1,\"time\":\"2024-01-01T00:00:00Z\"}\n\n{\"symbol\":\"B\",\"amount\":\"many\"}\n", 0);
        using var source = Source.JsonFiles<Trade>(_dir.Input);
        source.Open(_dir.Context());

        var error = Assert.Throws<BadRecordException>(() => SourceBatches.NextBatch(source, null));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith($"Bad record in file '{path}' at line 3: invalid JSON for Trade: ", error.Message);
        Assert.Contains("$.amount", error.Message);
        Assert.EndsWith("Set FileSourceOptions.BadRecords to Skip or Redirect to continue past bad records.", error.Message);
    }

    [Fact]
    public void A_null_line_is_a_bad_record()
    {
        string path = _dir.Write("null.jsonl", "null\n", 0);
        using var source = Source.JsonFiles<Trade>(_dir.Input);
        source.Open(_dir.Context());

        var error = Assert.Throws<BadRecordException>(() => SourceBatches.NextBatch(source, null));

        Assert.Equal($"Bad record in file '{path}' at line 1: the line is JSON null, not a Trade. Set FileSourceOptions.BadRecords to Skip or Redirect to continue past bad records.", error.Message);
    }

    [Fact]
    public void Skip_drops_bad_records_and_counts_them()
    {
        _dir.Write("mixed.jsonl", "{\"symbol\":\"A\",\"amount\":1}\nnot json\n{\"symbol\":\"B\",\"amount\":2}\n{broken\n", 0);
        using var source = Source.JsonFiles<Trade>(_dir.Input, new FileSourceOptions { BadRecords = BadRecordPolicy.Skip });
        source.Open(_dir.Context());

        var rows = SourceBatches.NextBatch(source, null).Rows;

        Assert.Equal(["A", "B"], rows.Select(r => r.Symbol));
        Assert.Equal("2", source.GetMetrics()["numBadRecordsSkipped"]);
    }

    [Fact]
    public void Redirect_copies_raw_line_with_file_line_and_reason_once_even_when_replayed()
    {
        string badDir = Path.Combine(_dir.Root, "bad");
        string path = _dir.Write("mixed.jsonl", "{\"symbol\":\"A\",\"amount\":1}\nnot \"json\"\n", 0);
        using var source = Source.JsonFiles<Trade>(_dir.Input, new FileSourceOptions { BadRecords = BadRecordPolicy.Redirect, BadRecordsPath = badDir });
        source.Open(_dir.Context());

        var (rows, end) = SourceBatches.NextBatch(source, null);
        SourceBatches.ReadRows(source, null, end!);

        Assert.Equal(["A"], rows.Select(r => r.Symbol));
        Assert.Equal("1", source.GetMetrics()["numBadRecordsRedirected"]);
        var redirected = Directory.GetFiles(badDir);
        Assert.Equal([Path.Combine(badDir, "badrecords-0.jsonl")], redirected);
        var lines = File.ReadAllLines(redirected[0]);
        var record = Assert.Single(lines);
        using var json = JsonDocument.Parse(record);
        Assert.Equal(path, json.RootElement.GetProperty("file").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("line").GetInt64());
        Assert.StartsWith("invalid JSON for Trade: ", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal("not \"json\"", json.RootElement.GetProperty("record").GetString());
    }

    [Fact]
    public void Custom_serializer_options_replace_the_defaults()
    {
        _dir.Write("c.jsonl", "{\"symbol\":\"A\",\"amount\":\"5\"}\n", 0);
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };
        using var source = Source.JsonFiles<Trade>(_dir.Input, serializerOptions: options);
        source.Open(_dir.Context());

        Assert.Equal(5, Assert.Single(SourceBatches.NextBatch(source, null).Rows).Amount);
    }
}
