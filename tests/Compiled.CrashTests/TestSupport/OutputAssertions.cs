using Compiled.CrashHost;
using Compiled.Sinks.Files;

namespace Compiled.CrashTests.TestSupport;

/// <summary>Compares what the host's two queries wrote with the reference: exactly, nothing lost, nothing twice.</summary>
public static class OutputAssertions
{
    /// <summary>
    /// The file sink committed one manifest per batch, its committed rows are the reference rows in batch order (so
    /// no id twice and none missing), and no data or temporary file outside the manifests is left behind.
    /// </summary>
    public static void AssertDoubled(CrashWorkspace workspace, InputData input)
    {
        string directory = HostLayout.DoubledOutput(workspace.Output);
        Assert.Equal(Enumerable.Range(0, InputData.FileCount).Select(n => (long)n), FileSinkManifest.BatchIds(directory).Order());

        IReadOnlyList<Doubled> rows = FileSinkReader.ReadJsonLines<Doubled>(directory);
        long[] duplicated = rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(duplicated.Length == 0, $"Ids written more than once: {string.Join(", ", duplicated)}");
        Assert.Equal(input.ExpectedDoubled(), rows);

        var committed = FileSinkReader.CommittedFiles(directory).Select(Path.GetFileName).ToHashSet();
        string[] strays = Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(name => !committed.Contains(name)).ToArray()!;
        Assert.True(strays.Length == 0, $"Files outside every manifest: {string.Join(", ", strays)}");
    }

    /// <summary>
    /// The foreachBatch writer holds each batch id exactly once and no temporary file. With durable state each
    /// batch equals the reference batch, and folding them in id order gives the reference table; with in-memory
    /// state a restart legitimately starts the totals from zero, so only the batch ids are checked.
    /// </summary>
    public static void AssertTotals(CrashWorkspace workspace, InputData input, bool durableState)
    {
        string directory = HostLayout.TotalsOutput(workspace.Output);
        var batches = BatchFileWriter.ReadAll(directory);
        Assert.Equal(Enumerable.Range(0, InputData.FileCount).Select(n => (long)n), batches.Select(b => b.BatchId));
        string[] strays = Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(name => name!.StartsWith('.')).ToArray()!;
        Assert.True(strays.Length == 0, $"Temporary files left behind: {string.Join(", ", strays)}");
        if (!durableState) return;

        IReadOnlyList<KeyTotal[]> expected = input.ExpectedTotalsBatches();
        for (int n = 0; n < expected.Count; n++) Assert.Equal(expected[n], batches[n].Rows);
        var table = new Dictionary<string, KeyTotal>();
        foreach (var (_, rows) in batches)
        {
            foreach (KeyTotal row in rows) table[row.Key] = row;
        }
        Assert.Equal(input.ExpectedTotalsTable().OrderBy(p => p.Key), table.OrderBy(p => p.Key));
    }
}
