using Compiled.Sinks;

namespace Compiled.Tests.ConsoleTable;

/// <summary>
/// Exact console output, against strings written by hand from Spark's rules (ConsoleWrite prints the
/// banner, then <c>println(showString(numRows, truncate ? 20 : 0))</c>).
/// </summary>
public sealed class ConsoleSinkLayoutTests
{
    public sealed record WordCount(string Word, long Count);

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static string Print<T>(long batchId, T[] rows, ConsoleSinkOptions? options = null)
    {
        var writer = new StringWriter { NewLine = "\n" };
        using var sink = Sink.Console<T>((options ?? new ConsoleSinkOptions()) with { Output = writer });
        sink.AddBatch(batchId, rows);
        return writer.ToString();
    }

    public sealed record Visit(string Page, string? Referrer);

    [Fact]
    public void A_null_cell_shows_as_NULL_or_as_the_null_text_asked_for()
    {
        var rows = new[] { new Visit("home", null), new Visit("shop", "home") };
        string[] Table(string nullText) =>
        [
            "+----+--------+",
            "|Page|Referrer|",
            "+----+--------+",
            "|home|" + nullText.PadLeft(8) + "|",
            "|shop|    home|",
            "+----+--------+",
        ];
        string[] banner = ["-------------------------------------------", "Batch: 0", "-------------------------------------------"];
        Assert.Equal(Lines([.. banner, .. Table("NULL"), ""]), Print(0, rows));
        Assert.Equal(Lines([.. banner, .. Table("null"), ""]), Print(0, rows, new ConsoleSinkOptions { NullText = "null" }));
    }

    [Fact]
    public void Truncating_layout_right_aligns_and_cuts_long_cells()
    {
        string actual = Print(7, new[] { new WordCount("hello", 3), new WordCount("a-very-long-word-that-exceeds", 12345678901) });
        Assert.Equal(Lines(
            "-------------------------------------------",
            "Batch: 7",
            "-------------------------------------------",
            "+--------------------+-----------+",
            "|                Word|      Count|",
            "+--------------------+-----------+",
            "|               hello|          3|",
            "|a-very-long-word-...|12345678901|",
            "+--------------------+-----------+",
            ""), actual);
    }

    [Fact]
    public void Without_truncation_cells_are_whole_and_left_aligned()
    {
        string actual = Print(0, new[] { new WordCount("hello", 3), new WordCount("a-very-long-word-that-exceeds", 42) },
            new ConsoleSinkOptions { Truncate = false });
        Assert.Equal(Lines(
            "-------------------------------------------",
            "Batch: 0",
            "-------------------------------------------",
            "+-----------------------------+-----+",
            "|Word                         |Count|",
            "+-----------------------------+-----+",
            "|hello                        |3    |",
            "|a-very-long-word-that-exceeds|42   |",
            "+-----------------------------+-----+",
            ""), actual);
    }

    [Fact]
    public void Rows_beyond_numRows_are_counted_in_a_footer()
    {
        Assert.Equal(Lines(
            "-------------------------------------------",
            "Batch: 3",
            "-------------------------------------------",
            "+-----+",
            "|value|",
            "+-----+",
            "|   10|",
            "|   20|",
            "+-----+",
            "only showing top 2 rows",
            ""), Print(3, new[] { 10, 20, 30 }, new ConsoleSinkOptions { NumRows = 2 }));

        Assert.EndsWith(Lines("+-----+", "only showing top 1 row", ""), Print(3, new[] { 10, 20 }, new ConsoleSinkOptions { NumRows = 1 }));
        Assert.DoesNotContain("only showing", Print(3, new[] { 10, 20 }, new ConsoleSinkOptions { NumRows = 2 }));
    }

    [Fact]
    public void An_empty_batch_shows_the_header_only()
    {
        Assert.Equal(Lines(
            "-------------------------------------------",
            "Batch: 12",
            "-------------------------------------------",
            "+----+-----+",
            "|Word|Count|",
            "+----+-----+",
            "+----+-----+",
            ""), Print(12, Array.Empty<WordCount>()));
    }

    [Fact]
    public void Columns_are_at_least_three_wide()
    {
        Assert.Equal(Lines(
            "-------------------------------------------",
            "Batch: 1",
            "-------------------------------------------",
            "+---+---+",
            "|  A|  B|",
            "+---+---+",
            "|  x|  1|",
            "+---+---+",
            ""), Print(1, new[] { new Pair("x", 1) }));
    }

    public sealed record Pair(string A, int B);

    [Fact]
    public void Full_width_characters_count_twice_and_control_characters_are_escaped()
    {
        string actual = Print(2, new[] { "日本", "a\tb" });
        Assert.Equal(Lines(
            "-------------------------------------------",
            "Batch: 2",
            "-------------------------------------------",
            "+-----+",
            "|value|",
            "+-----+",
            "| 日本|",
            "| a\\tb|",
            "+-----+",
            ""), actual);
    }

    [Fact]
    public void Writes_to_console_out_by_default()
    {
        var original = System.Console.Out;
        var writer = new StringWriter { NewLine = "\n" };
        try
        {
            System.Console.SetOut(writer);
            using var sink = Sink.Console<int>();
            sink.AddBatch(5, new[] { 1 });
        }
        finally
        {
            System.Console.SetOut(original);
        }
        Assert.Contains("Batch: 5", writer.ToString());
    }

    [Fact]
    public void Supports_every_output_mode_and_rejects_negative_numRows()
    {
        Assert.Equal([OutputMode.Append, OutputMode.Update, OutputMode.Complete], Sink.Console<int>().SupportedModes);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sink.Console<int>(new ConsoleSinkOptions { NumRows = -1 }));
        Assert.Contains("NumRows must not be negative", ex.Message);
    }
}
