using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Compiled.Hosting.Tests;

/// <summary>
/// samples/HostedWordCount run as a real process: it counts the files it finds, picks up a new one, and on SIGTERM
/// stops after its current batch, exits 0 and leaves a checkpoint whose every entry is whole.
/// </summary>
public sealed partial class WorkerProcessTests : IDisposable
{
    private const int SigTerm = 15;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "compiled-hosting-worker", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Worker_counts_new_files_and_on_SIGTERM_stops_cleanly_with_a_whole_checkpoint()
    {
        string input = Directory.CreateDirectory(Path.Combine(_root, "in")).FullName;
        string output = Path.Combine(_root, "out");
        string checkpoint = Path.Combine(_root, "chk");
        File.WriteAllText(Path.Combine(input, "1.txt"), "the cat, the hat\nthe end");

        using var worker = WorkerProcess.Start(WorkerDll(),
            $"--WordCount:Input={input}",
            $"--WordCount:Output={output}",
            $"--Compiled:Queries:WordCount:CheckpointLocation={checkpoint}",
            "--Compiled:Queries:WordCount:TriggerInterval=00:00:00.200");

        await worker.WaitForLineAsync("Query 'WordCount' batch 0:").WithinLimit();
        File.WriteAllText(Path.Combine(input, "2.txt"), "The cat sat");
        await worker.WaitForLineAsync("Query 'WordCount' batch 1:").WithinLimit();

        Assert.Equal(0, kill(worker.Id, SigTerm));
        int exitCode = await worker.WaitForExitAsync().WithinLimit();

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{worker.Output}");
        Assert.Contains("Application is shutting down...", worker.Output, StringComparison.Ordinal);
        Assert.Contains("Hosted query 'WordCount' stopped", worker.Output, StringComparison.Ordinal);

        // Every checkpoint entry parses whole, and each committed batch has its offsets.
        string[] offsets = Directory.GetFiles(Path.Combine(checkpoint, "offsets")).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).ToArray();
        string[] commits = Directory.GetFiles(Path.Combine(checkpoint, "commits")).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).ToArray();
        Assert.True(commits.Length >= 2, $"{commits.Length} commits");
        foreach (string file in offsets.Concat(commits)) AssertWholeEntry(file);
        Assert.All(commits, c => Assert.Contains(Path.GetFileName(c), offsets.Select(Path.GetFileName)));

        using JsonDocument counts = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "counts.json")));
        var words = counts.RootElement.GetProperty("words").EnumerateArray()
            .ToDictionary(w => w.GetProperty("Word").GetString()!, w => w.GetProperty("Count").GetInt64());
        var expected = "the cat, the hat\nthe end\nThe cat sat".Split('\n', ' ', ',')
            .Select(w => w.ToLowerInvariant()).Where(w => w.Length > 0)
            .GroupBy(w => w).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), words.OrderBy(p => p.Key));
    }

    /// <summary>A checkpoint entry is one JSON document with its batch id: complete, or not there at all.</summary>
    private static void AssertWholeEntry(string file)
    {
        using JsonDocument entry = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(long.Parse(Path.GetFileName(file), System.Globalization.CultureInfo.InvariantCulture), entry.RootElement.GetProperty("batchId").GetInt64());
    }

    /// <summary>The sample as built beside these tests (same configuration).</summary>
    private static string WorkerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));   // …/bin/<Configuration>/net10.0
        string configuration = testBin.Parent!.Name;
        for (var dir = testBin; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "HostedWordCount", "bin", configuration, "net10.0", "HostedWordCount.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"samples/HostedWordCount is not built for {configuration} above {AppContext.BaseDirectory}");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
