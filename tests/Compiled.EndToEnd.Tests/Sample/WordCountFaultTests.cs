using System.Diagnostics;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>
/// Faults a user meets with the WordCount sample, run as a process: each ends with the sample's error line and exit
/// code 1 (never a hang, never an unhandled exception's 134), or is skipped with the rest of the input read.
/// </summary>
public sealed class WordCountFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _input;
    private readonly string _checkpoint;

    public WordCountFaultTests()
    {
        _input = _dir.Combine("in");
        _checkpoint = _dir.Combine("checkpoint");
        Directory.CreateDirectory(_input);
        File.WriteAllText(Path.Combine(_input, "a.txt"), "alpha beta beta\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_lock_that_is_a_directory_exits_1_naming_it()
    {
        Directory.CreateDirectory(Path.Combine(_checkpoint, "lock"));

        var result = await WordCountApp.RunAsync("--input", _input, "--checkpoint", _checkpoint, "--trigger", "once");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"WordCount: Query 'WordCount': checkpoint '{_checkpoint}' cannot be locked: '{Path.Combine(_checkpoint, "lock")}' is a directory",
            result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_in_the_input_directory_is_never_opened_and_the_files_are_counted()
    {
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(_input, "pipe")]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening the FIFO would block for ever; RunAsync turns that into a timeout failure.
        var result = await WordCountApp.RunAsync("--input", _input, "--checkpoint", _checkpoint, "--trigger", "once");

        Assert.True(result.ExitCode == 0, result.ToString());
        var batch = Assert.Single(ConsoleBatches.Parse(result.StandardOutput));
        Assert.Equal([["alpha", "1"], ["beta", "2"]], batch.Rows.OrderBy(r => r[0], StringComparer.Ordinal));
    }
}
