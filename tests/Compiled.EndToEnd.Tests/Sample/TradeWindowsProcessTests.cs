using System.Globalization;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>
/// The TradeWindows sample run as a process: two runs on one checkpoint with new files in between print exactly what one
/// run over all the files prints, and both match the query worked out by hand (<see cref="TradeWindowsModel"/>).
/// </summary>
public sealed class TradeWindowsProcessTests : IDisposable
{
    private const int Files = 6;
    private const int FirstRunFiles = 4;
    private readonly TempDirectory _dir = new();
    private readonly List<List<(DateTime Time, string Type, long Amount)>> _trades = [];

    public TradeWindowsProcessTests()
    {
        var random = new Random(606);
        var base0 = new DateTime(2019, 2, 5, 10, 0, 0, DateTimeKind.Utc);
        for (int file = 0; file < Files; file++)
        {
            // Each file is about an hour later than the one before; a quarter of its trades are up to 75 minutes old,
            // so some are behind the 30-minute watermark and some land in windows earlier files opened.
            var trades = new List<(DateTime, string, long)>();
            for (int i = 0; i < 30; i++)
            {
                int minutes = random.Next(4) == 0 ? -random.Next(75) : random.Next(60);
                trades.Add((base0.AddHours(file).AddMinutes(minutes), random.Next(2) == 0 ? "BUY" : "SELL", random.Next(1, 100) * 10L));
            }
            _trades.Add(trades);
        }
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("append")]
    [InlineData("update")]
    public async Task Two_runs_on_one_checkpoint_print_what_one_run_prints(string mode)
    {
        string split = _dir.Combine("split"), whole = _dir.Combine("whole");
        for (int file = 0; file < FirstRunFiles; file++) AddFile(split, file);
        var first = await RunAsync(split, mode);
        for (int file = FirstRunFiles; file < Files; file++) AddFile(split, file);
        var second = await RunAsync(split, mode);
        for (int file = 0; file < Files; file++) AddFile(whole, file);
        var once = await RunAsync(whole, mode);

        // The second run's batch ids continue the first's.
        Assert.NotEmpty(second);
        Assert.True(second[0].BatchId > first[^1].BatchId, $"second run began at batch {second[0].BatchId}");

        var model = new TradeWindowsModel();
        foreach (var trades in _trades.Take(FirstRunFiles)) model.Batch(trades);
        var afterFirst = (Closed: model.ClosedWindows(), All: model.AllWindows());
        foreach (var trades in _trades.Skip(FirstRunFiles)) model.Batch(trades);
        Assert.True(model.Dropped > 0, "the data should hold late trades");

        if (mode == "append")
        {
            // Each window once, final; the first run ends with the windows its watermark closed.
            Assert.Equal(afterFirst.Closed, Sorted(first));
            Assert.Equal(model.ClosedWindows(), Sorted([.. first, .. second]));
            Assert.Equal(model.ClosedWindows(), Sorted(once));
        }
        else
        {
            // The latest row printed for each window holds its totals.
            Assert.Equal(afterFirst.All, Latest(first));
            Assert.Equal(model.AllWindows(), Latest([.. first, .. second]));
            Assert.Equal(model.AllWindows(), Latest(once));
        }
    }

    [Fact]
    public async Task The_bundled_files_print_the_15_minute_windows()
    {
        var result = await SampleApp.TradeWindows.RunAsync("--trigger", "available-now", "--max-files-per-trigger", "1", "--mode", "append");
        Assert.True(result.ExitCode == 0, result.ToString());
        var batches = ConsoleBatches.Parse(result.StandardOutput);
        Assert.All(batches, b => Assert.Equal(["Start", "End", "TotalBuy", "TotalSell"], b.Header));
        // Worked out from data/*.json: the 10:10 and 10:40 trades of the later files are behind the watermark.
        Assert.Equal(
            [
                "2019-02-05 10:00:00|2019-02-05 10:15:00|800|0",
                "2019-02-05 10:15:00|2019-02-05 10:30:00|800|400",
                "2019-02-05 10:30:00|2019-02-05 10:45:00|900|100",
                "2019-02-05 10:45:00|2019-02-05 11:00:00|300|600",
                "2019-02-05 11:00:00|2019-02-05 11:15:00|400|0",
                "2019-02-05 11:15:00|2019-02-05 11:30:00|250|700",
            ],
            Sorted(batches.Select(b => (b.BatchId, b.Rows)).ToList()));
        // Standard error is redirected, so progress comes as log lines, never mixed into the tables.
        Assert.Contains("[TradeWindows] batch 0 | in ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("[TradeWindows]", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "weekly")]
    [InlineData("--mode")]
    [InlineData("--rows", "-1")]
    public async Task Bad_arguments_exit_2_naming_the_option(params string[] args)
    {
        var result = await SampleApp.TradeWindows.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        string firstLine = result.StandardError.Split('\n')[0];
        Assert.StartsWith("TradeWindows: ", firstLine);
        Assert.Contains(args[0], firstLine);
        Assert.Contains("usage: TradeWindows", result.StandardError);
    }

    /// <summary>Runs the sample over <paramref name="directory"/>'s input on its checkpoint, one file per batch.</summary>
    private static async Task<List<(long BatchId, List<string[]> Rows)>> RunAsync(string directory, string mode)
    {
        var result = await SampleApp.TradeWindows.RunAsync("--input", Path.Combine(directory, "in"), "--checkpoint",
            Path.Combine(directory, "checkpoint"), "--trigger", "available-now", "--max-files-per-trigger", "1",
            "--rows", "100000", "--mode", mode);
        Assert.True(result.ExitCode == 0, result.ToString());
        return ConsoleBatches.Parse(result.StandardOutput).Select(b => (b.BatchId, b.Rows)).ToList();
    }

    /// <summary>Writes file <paramref name="index"/> under a hidden name, dates it after the previous ones and moves it in.</summary>
    private void AddFile(string directory, int index)
    {
        string input = Path.Combine(directory, "in");
        Directory.CreateDirectory(input);
        string hidden = Path.Combine(input, $".trades-{index:D2}.json"), name = Path.Combine(input, $"trades-{index:D2}.json");
        File.WriteAllLines(hidden, _trades[index].Select(t => string.Create(CultureInfo.InvariantCulture,
            $$"""{"CreatedTime":"{{t.Time:yyyy-MM-dd HH:mm:ss}}","Type":"{{t.Type}}","Amount":{{t.Amount}},"BrokerCode":"B{{index}}"}""")));
        File.SetLastWriteTimeUtc(hidden, DateTime.UtcNow.AddMinutes(-30).AddSeconds(index));
        File.Move(hidden, name);
    }

    private static string[] Sorted(List<(long BatchId, List<string[]> Rows)> batches) =>
        batches.SelectMany(b => b.Rows).Select(r => string.Join('|', r)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The last row printed per window start, in start order.</summary>
    private static string[] Latest(List<(long BatchId, List<string[]> Rows)> batches) =>
        batches.OrderBy(b => b.BatchId).SelectMany(b => b.Rows)
            .GroupBy(r => r[0]).Select(g => string.Join('|', g.Last())).Order(StringComparer.Ordinal).ToArray();
}
