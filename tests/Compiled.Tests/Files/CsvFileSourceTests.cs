using System.Globalization;
using System.Text;
using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

public sealed class CsvFileSourceTests : IDisposable
{
    public enum Side { Buy, Sell }

    public sealed record Order(string? Id, decimal Price, int Qty, DateTime Time, Side Side, double? Score = null, bool Urgent = false);

    public sealed class Note
    {
        public Note(string text) => Text = text;
        public string Text { get; }
        public int? Priority { get; set; }
        public Guid Tag { get; init; }
    }

    public sealed record Point(int X, int Y);

    public sealed record WithList(List<int> Values);

    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private T[] ReadAll<T>(FileSourceOptions? options = null)
    {
        using var source = Source.CsvFiles<T>(_dir.Input, options);
        source.Open(_dir.Context());
        return SourceBatches.NextBatch(source, null).Rows;
    }

    [Fact]
    public void Maps_columns_by_name_in_any_order_with_invariant_culture()
    {
        _dir.Write("o.csv",
            "time,QTY,price,id,side,Extra\n" +
            "2024-03-01T10:00:00Z,5,1234.5,o1,sell,ignored\n" +
            "2024-03-01 10:00:01,-2,0.001,o2,Buy,\n", 0);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var rows = ReadAll<Order>();

            Assert.Equal(
                [new Order("o1", 1234.5m, 5, new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc), Side.Sell),
                 new Order("o2", 0.001m, -2, new DateTime(2024, 3, 1, 10, 0, 1), Side.Buy)],
                rows);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        _dir.Write("q.csv",
            "id,price,qty,time,side\r\n" +
            "\"a,b\",1,1,2024-01-01T00:00:00Z,Buy\r\n" +
            "\"say \"\"hi\"\"\",2,2,2024-01-01T00:00:00Z,Buy\r\n" +
            "\"two\r\nlines\nhere\",3,3,2024-01-01T00:00:00Z,Buy\r\n" +
            "\"\",4,4,2024-01-01T00:00:00Z,Buy\r\n" +
            ",5,5,2024-01-01T00:00:00Z,Buy", 0);

        var ids = ReadAll<Order>().Select(o => o.Id).ToArray();

        Assert.Equal(new string?[] { "a,b", "say \"hi\"", "two\r\nlines\nhere", "", null }, ids);
    }

    [Fact]
    public void Nullable_columns_and_settable_and_init_properties_are_mapped()
    {
        _dir.Write("n.csv", "text,priority,tag\nfirst,,00000000-0000-0000-0000-000000000001\nsecond,3,\"00000000-0000-0000-0000-000000000002\"\n", 0);

        var notes = ReadAll<Note>();

        Assert.Equal(
            [("first", (int?)null, new Guid("00000000-0000-0000-0000-000000000001")),
             ("second", 3, new Guid("00000000-0000-0000-0000-000000000002"))],
            notes.Select(n => (n.Text, n.Priority, n.Tag)));
    }

    [Fact]
    public void Optional_constructor_parameters_take_their_default_when_the_column_is_absent()
    {
        _dir.Write("o.csv", "id,price,qty,time,side,score,urgent\nx,1,1,2024-01-01T00:00:00Z,1,,true\ny,1,1,2024-01-01T00:00:00Z,0,2.5,False\n", 0);
        _dir.Write("p.csv", "id,price,qty,time,side\nz,1,1,2024-01-01T00:00:00Z,sell\n", 1);

        var rows = ReadAll<Order>();

        Assert.Equal([("x", Side.Sell, (double?)null, true), ("y", Side.Buy, 2.5, false), ("z", Side.Sell, null, false)],
            rows.Select(o => (o.Id, o.Side, o.Score, o.Urgent)));
    }

    [Fact]
    public void Records_spanning_many_read_buffers_match_a_reference_encoding()
    {
        var random = new Random(42);
        var expected = new List<Point>();
        var ids = new List<string>();
        var text = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 20_000; i++)
        {
            string label = random.Next(4) switch
            {
                0 => "plain" + i,
                1 => "with,comma",
                2 => "quote\"inside",
                _ => "multi\nline " + new string('w', random.Next(100)),
            };
            bool quote = label.Contains(',') || label.Contains('"') || label.Contains('\n');
            text.Append(i).Append(',').Append(-i).Append(',')
                .Append(quote ? "\"" + label.Replace("\"", "\"\"") + "\"" : label).Append('\n');
            expected.Add(new Point(i, -i));
        }
        _dir.Write("big.csv", text.ToString(), 0);

        Assert.Equal(expected, ReadAll<Point>());
    }

    [Fact]
    public void Fail_policy_reports_the_line_where_a_multi_line_record_starts()
    {
        string path = _dir.Write("p.csv", "x,y\n1,2\n\"multi\nline\",3\n4,5,6\n", 0);
        var error = Assert.Throws<BadRecordException>(() => ReadAll<Point>());

        Assert.Equal($"Bad record in file '{path}' at line 3: column 'x': cannot convert 'multi\nline' to Int32. Set FileSourceOptions.BadRecords to Skip or Redirect to continue past bad records.", error.Message);
    }

    [Fact]
    public void Bad_records_of_every_kind_are_skipped_and_counted_with_correct_line_numbers()
    {
        string badDir = Path.Combine(_dir.Root, "bad");
        string path = _dir.Write("p.csv",
            "x,y\n" +          // line 1
            "1,2\n" +          // 2 ok
            "4,5,6\n" +        // 3 too many fields
            "\"7\"x,8\n" +     // 4 text after closing quote
            "abc,9\n" +        // 5 not an Int32
            ",10\n" +          // 6 empty Int32
            "\"a\nb\",1\n" +   // 7-8 multi-line, not an Int32
            "11,12\n" +        // 9 ok
            "13,\"open", 0);   // 10 unterminated
        using var source = Source.CsvFiles<Point>(_dir.Input, new FileSourceOptions { BadRecords = BadRecordPolicy.Redirect, BadRecordsPath = badDir });
        source.Open(_dir.Context());

        var rows = SourceBatches.NextBatch(source, null).Rows;

        Assert.Equal([new Point(1, 2), new Point(11, 12)], rows);
        Assert.Equal("6", source.GetMetrics()["numBadRecordsRedirected"]);
        var redirected = File.ReadAllLines(Path.Combine(badDir, "badrecords-0.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("file").GetString(), e.GetProperty("line").GetInt64(), e.GetProperty("reason").GetString(), e.GetProperty("record").GetString()))
            .ToArray();
        Assert.Equal(
            [(path, 3L, "expected 2 fields as in the header but found 3", "4,5,6"),
             (path, 4L, "unexpected character 'x' after the closing quote of field 1", "\"7\"x,8"),
             (path, 5L, "column 'x': cannot convert 'abc' to Int32", "abc,9"),
             (path, 6L, "column 'x' is empty, which is not a valid Int32", ",10"),
             (path, 7L, "column 'x': cannot convert 'a\nb' to Int32", "\"a\nb\",1"),
             (path, 10L, "unterminated quoted field 2 (opened at line 10)", "13,\"open")],
            redirected);
    }

    [Fact]
    public void Skip_counts_bad_records()
    {
        _dir.Write("p.csv", "x,y\n1,2\nbad,3\n4\n", 0);
        using var source = Source.CsvFiles<Point>(_dir.Input, new FileSourceOptions { BadRecords = BadRecordPolicy.Skip });
        source.Open(_dir.Context());

        Assert.Equal([new Point(1, 2)], SourceBatches.NextBatch(source, null).Rows);
        Assert.Equal("2", source.GetMetrics()["numBadRecordsSkipped"]);
    }

    [Fact]
    public void A_header_without_a_required_column_fails_naming_file_parameter_and_columns()
    {
        string path = _dir.Write("p.csv", "x,z\n1,2\n", 0);
        var error = Assert.Throws<InvalidDataException>(() => ReadAll<Point>(new FileSourceOptions { BadRecords = BadRecordPolicy.Skip }));

        Assert.Equal($"The header of CSV file '{path}' has no column for constructor parameter 'Y' of Point (columns: x, z).", error.Message);
    }

    [Fact]
    public void A_member_type_csv_cannot_hold_fails_when_the_source_is_created()
    {
        var error = Assert.Throws<NotSupportedException>(() => Source.CsvFiles<WithList>(_dir.Input));
        Assert.Equal("CSV rows of type WithList: constructor parameter 'Values' has type List`1, which CSV text cannot be converted to.", error.Message);
    }

    [Fact]
    public void Empty_file_and_header_only_file_give_no_rows()
    {
        _dir.Write("empty.csv", "", 0);
        _dir.Write("header.csv", "x,y\r\n", 1);
        Assert.Empty(ReadAll<Point>());
    }
}
