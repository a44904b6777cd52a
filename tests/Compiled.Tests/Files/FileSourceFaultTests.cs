using System.Diagnostics;
using System.Net.Sockets;
using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Compiled.Tests.Files;

/// <summary>
/// Input files that vanish, turn into symlinks to nothing or loops, change after planning, or are not regular files:
/// each one either fails the batch with a message saying what to do, or (by option) is skipped or read with a
/// warning and a metric. Nothing is read silently and nothing hangs.
/// </summary>
public sealed class FileSourceFaultTests : IDisposable
{
    private readonly FileTestDirectory _dir = new();
    private readonly CapturingLogger _log = new();

    public void Dispose() => _dir.Dispose();

    private FileSource<string> Open(FileSourceOptions? options = null)
    {
        var source = Source.TextFiles(_dir.Input, options);
        source.Open(new SourceContext("test-query", 0, _dir.Checkpoint, new ManualClock(0), _log));
        return source;
    }

    private string[] Warnings => _log.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToArray();

    public static TheoryData<string> Vanishings => ["deleted", "dangling symlink", "symlink loop"];

    private void MakeVanish(string path, string how)
    {
        File.Delete(path);
        if (how == "dangling symlink") File.CreateSymbolicLink(path, Path.Combine(_dir.Root, "nowhere.txt"));
        if (how == "symlink loop")
        {
            string other = Path.Combine(_dir.Root, "loop-other");
            File.CreateSymbolicLink(path, other);
            File.CreateSymbolicLink(other, path);
        }
    }

    [Theory]
    [MemberData(nameof(Vanishings))]
    public void A_planned_file_that_vanished_fails_saying_what_to_do_and_IgnoreMissingFiles_skips_it_and_records_it(string how)
    {
        _dir.Write("a.txt", "a", 0);
        string b = _dir.Write("b.txt", "b", 1);
        SourceOffset end;
        using (var first = Open())
        {
            end = first.LatestOffset(null, default)!;
            MakeVanish(b, how);
            var failure = Assert.Throws<FileNotFoundException>(() => SourceBatches.ReadRows(first, null, end));
            Assert.Contains($"input file '{b}' of batch log entry 0 cannot be read", failure.Message, StringComparison.Ordinal);
            Assert.Contains("IgnoreMissingFiles", failure.Message, StringComparison.Ordinal);
        }

        // The restart that chose to skip it reads the rest of the batch, and says so in the log and the metrics.
        using var second = Open(new FileSourceOptions { IgnoreMissingFiles = true });
        Assert.Equal(["a"], SourceBatches.ReadRows(second, null, end));
        Assert.Equal("1", second.GetMetrics()["numMissingFilesSkipped"]);
        Assert.Equal("1", second.GetMetrics()["numFilesRead"]);
        string warning = Assert.Single(Warnings);
        Assert.Contains($"skipped input file '{b}' of batch log entry 0", warning, StringComparison.Ordinal);
    }

    public static TheoryData<string> Changes => ["truncated", "appended", "rewritten in place"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_file_changed_after_planning_is_refused_and_ReadChangedFiles_reads_it_with_a_warning(string how)
    {
        string a = _dir.Write("a.txt", "one\ntwo\n", 0);
        SourceOffset end;
        using (var first = Open())
        {
            end = first.LatestOffset(null, default)!;
            switch (how)
            {
                case "truncated": File.WriteAllText(a, "one\n"); break;
                case "appended": File.AppendAllText(a, "three\n"); break;
                default: File.WriteAllText(a, "uno\ndos\n"); break;
            }
            // Same size for the in-place rewrite: only the modification time tells.
            File.SetLastWriteTimeUtc(a, new DateTime(2024, 1, 1, 0, 5, 0, DateTimeKind.Utc));
            var failure = Assert.Throws<IOException>(() => SourceBatches.ReadRows(first, null, end));
            Assert.Contains($"input file '{a}' of batch log entry 0 changed after it was planned (planned with 8 bytes modified at 2024-01-01T00:00:00.000Z",
                failure.Message, StringComparison.Ordinal);
            Assert.Contains("ReadChangedFiles", failure.Message, StringComparison.Ordinal);
        }

        using var second = Open(new FileSourceOptions { ReadChangedFiles = true });
        Assert.Equal(File.ReadAllLines(a), SourceBatches.ReadRows(second, null, end));
        Assert.Equal("1", second.GetMetrics()["numChangedFilesRead"]);
        Assert.Contains($"input file '{a}' of batch log entry 0 changed after it was planned", Assert.Single(Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifos_sockets_devices_and_broken_symlinks_in_the_input_directory_are_skipped_never_opened()
    {
        _dir.Write("a.txt", "a", 0);
        string fifo = Path.Combine(_dir.Input, "fifo");
        MakeFifo(fifo);
        string socketPath = Path.Combine(_dir.Input, "socket");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        string device = Path.Combine(_dir.Input, "device");
        File.CreateSymbolicLink(device, "/dev/null");
        string dangling = Path.Combine(_dir.Input, "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(_dir.Root, "nowhere"));
        string loop = Path.Combine(_dir.Input, "loop");
        File.CreateSymbolicLink(loop, loop);

        using var source = Open();
        // A FIFO without a writer blocks whoever opens it: bounded, so a regression fails instead of hanging the suite.
        var (rows, _) = await Task.Run(() => SourceBatches.NextBatch(source, null)).Bounded();

        Assert.Equal(["a"], rows);
        string[] warnings = Warnings;
        Assert.Equal(5, warnings.Length);
        foreach (var (path, what) in new[] { (fifo, "not a regular file"), (socketPath, "not a regular file"), (device, "not a regular file"), (dangling, "no longer exists"), (loop, "symlink loop") })
            Assert.Contains(warnings, w => w.Contains($"'{path}'", StringComparison.Ordinal) && w.Contains(what, StringComparison.Ordinal));

        // Each is reported once, not at every listing.
        SourceBatches.NextBatch(source, null);
        Assert.Equal(5, Warnings.Length);
    }

    [Fact]
    public void A_file_whose_name_is_not_valid_utf8_is_reported_not_skipped_silently()
    {
        _dir.Write("a.txt", "a", 0);
        // .NET can neither create nor delete such a name; the shell handles the raw byte 0xFF.
        Shell("printf 'b\\n' > \"$1\"/$'\\xff'.txt");
        try
        {
            Assert.Equal(2, Directory.GetFiles(_dir.Input).Length);

            using var source = Open();
            Assert.Equal(["a"], SourceBatches.NextBatch(source, null).Rows);

            string warning = Assert.Single(Warnings);
            Assert.Contains("its name is not valid UTF-8", warning, StringComparison.Ordinal);
            Assert.Contains("rename it", warning, StringComparison.Ordinal);
        }
        finally
        {
            Shell("rm -f \"$1\"/$'\\xff'.txt");
        }
    }

    private void Shell(string script)
    {
        using var process = Process.Start("bash", ["-c", script, "bash", _dir.Input]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start("mkfifo", [path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
