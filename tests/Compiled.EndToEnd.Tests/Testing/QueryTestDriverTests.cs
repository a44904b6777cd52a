using Compiled.EndToEnd.Tests.Queries;

namespace Compiled.EndToEnd.Tests.Testing;

/// <summary>
/// The generated <c>TestDriver</c> of a query: typed inputs, batches run on the test's thread, state kept across
/// batches, progress and watermarks as the engine computes them. Expected counts come from LINQ to Objects.
/// </summary>
public sealed class QueryTestDriverTests
{
    [Fact]
    public void Word_counts_accumulate_over_batches_like_LINQ_over_all_the_lines_so_far()
    {
        string[][] batches = [["The cat, the hat"], [], ["a cat", "THE END"]];
        using var driver = new WordCounts.TestDriver(new() { StartTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        var seen = new List<string>();
        foreach (string[] lines in batches)
        {
            driver.AddLines(lines).AdvanceProcessingTime(TimeSpan.FromSeconds(5));
            seen.AddRange(lines);
            var batch = driver.RunBatch();

            Assert.Equal(Reference(seen), batch.Rows.OrderBy(r => r.Word, StringComparer.Ordinal));   // Complete mode: the whole table
            Assert.Equal(lines.Length, batch.Progress.NumInputRows);
            Assert.Equal(Reference(seen).Count, Assert.Single(batch.Progress.StateOperators).NumRowsTotal);
        }

        Assert.Equal([0L, 1L, 2L], driver.Batches.Select(b => b.BatchId));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 15, TimeSpan.Zero), driver.Batches[^1].Progress.Timestamp);
        Assert.Null(driver.Watermark);   // no event time in this query
    }

    [Fact]
    public void Rows_of_another_type_through_the_untyped_driver_are_refused_naming_the_input()
    {
        using var driver = new WordCounts.TestDriver();
        driver.AddLines("typed by the generated wrapper");
        var e = Assert.Throws<ArgumentException>(() => driver.Driver.AddRows(0, 42));
        Assert.Contains("Input 0 (lines) of query 'WordCounts' takes String rows, not Int32", e.Message, StringComparison.Ordinal);
    }

    private static List<WordFrequency> Reference(IEnumerable<string> lines) =>
        lines.SelectMany(line => line.Split(' ', ','))
            .Select(word => word.ToLowerInvariant())
            .Where(word => word.Any(char.IsLetterOrDigit))
            .GroupBy(word => word)
            .Select(g => new WordFrequency(g.Key, g.LongCount()))
            .OrderBy(r => r.Word, StringComparer.Ordinal)
            .ToList();
}
