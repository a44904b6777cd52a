using System.Text;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>The WordCount sample run as a process: exact counts, a restart that reads only new files, bad arguments.</summary>
public sealed class WordCountProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _input;
    private readonly string _checkpoint;
    private readonly List<string> _files = [];

    public WordCountProcessTests()
    {
        _input = _dir.Combine("in");
        _checkpoint = _dir.Combine("checkpoint");
        Directory.CreateDirectory(_input);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_second_run_on_the_same_checkpoint_reads_only_the_new_files()
    {
        for (int i = 0; i < 5; i++) AddFile(i);

        var first = await SampleApp.WordCount.RunAsync("--input", _input, "--checkpoint", _checkpoint,
            "--trigger", "available-now", "--max-files-per-trigger", "2", "--rows", "100000");
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstBatches = ConsoleBatches.Parse(first.StandardOutput);
        // Two files per batch, oldest first: batch k has read files 0 .. 2k+1.
        Assert.Equal([0L, 1, 2], firstBatches.Select(b => b.BatchId));
        foreach (var (batchId, header, rows) in firstBatches)
        {
            Assert.Equal(["Word", "Count"], header);
            Assert.Equal(Expected(_files.Take((int)Math.Min(2 * batchId + 2, 5))), Counts(rows));
        }

        for (int i = 5; i < 8; i++) AddFile(i);
        var second = await SampleApp.WordCount.RunAsync("--input", _input, "--checkpoint", _checkpoint,
            "--trigger", "available-now", "--max-files-per-trigger", "2", "--rows", "100000");
        Assert.True(second.ExitCode == 0, second.ToString());
        var secondBatches = ConsoleBatches.Parse(second.StandardOutput);
        // Three new files: two batches, ids continuing; a file read again would make the counts too high.
        Assert.Equal([3L, 4], secondBatches.Select(b => b.BatchId));
        Assert.Equal(Expected(_files.Take(7)), Counts(secondBatches[0].Rows));
        Assert.Equal(Expected(_files), Counts(secondBatches[1].Rows));

        // Nothing new: a third run prints no batch at all.
        var third = await SampleApp.WordCount.RunAsync("--input", _input, "--checkpoint", _checkpoint, "--trigger", "available-now");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Empty(ConsoleBatches.Parse(third.StandardOutput));
    }

    [Theory]
    [InlineData("--rows", "0")]
    [InlineData("--max-files-per-trigger", "two")]
    [InlineData("--trigger", "weekly")]
    [InlineData("--input", "/nonexistent/compiled-e2e")]
    [InlineData("--checkpoint")]
    [InlineData("--verbose")]
    public async Task Bad_arguments_exit_2_naming_the_option(params string[] args)
    {
        var result = await SampleApp.WordCount.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        string firstLine = result.StandardError.Split('\n')[0];
        Assert.StartsWith("WordCount: ", firstLine);
        Assert.Contains(args[0], firstLine);
        Assert.Contains("usage: WordCount", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    /// <summary>
    /// Writes file <paramref name="index"/> under a hidden name, dates it after the previous ones and moves it in;
    /// every third file is written with a byte order mark and CRLF line ends.
    /// </summary>
    private void AddFile(int index)
    {
        var lines = InputData.Lines(150, 500 + index);
        string name = Path.Combine(_input, $"text-{index:D2}.txt");
        string hidden = Path.Combine(_input, $".text-{index:D2}.txt");
        bool windows = index % 3 == 0;
        File.WriteAllText(hidden, string.Join(windows ? "\r\n" : "\n", lines), new UTF8Encoding(encoderShouldEmitUTF8Identifier: windows));
        File.SetLastWriteTimeUtc(hidden, DateTime.UtcNow.AddMinutes(-30).AddSeconds(index));
        File.Move(hidden, name);
        _files.Add(name);
    }

    /// <summary>The sample's query in LINQ: split on ' ' and ',', lowercase, keep words with a letter, digit or '_'.</summary>
    private static string[] Expected(IEnumerable<string> files) => files
        .SelectMany(File.ReadLines)
        .SelectMany(line => line.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => word.Any(c => char.IsLetterOrDigit(c) || c == '_'))
        .CountBy(word => word, StringComparer.Ordinal)
        .Select(p => $"{p.Key}={p.Value}")
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static string[] Counts(List<string[]> rows) =>
        rows.Select(r => $"{r[0]}={r[1]}").Order(StringComparer.Ordinal).ToArray();
}
