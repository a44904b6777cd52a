using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Word count over a small vocabulary updated by every batch: superseded records pile up until the store moves
/// its live records to a new generation. The query restarts on the new generation, old generations are purged
/// with the versions that named them, and the results stay exact.
/// </summary>
public sealed class StateRotationRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Results_stay_exact_across_a_generation_change_a_restart_and_purging()
    {
        var random = new Random(801);
        var lines = Enumerable.Range(0, 4000)
            .Select(_ => string.Join(',', Enumerable.Range(0, 10).Select(_ => "w" + random.Next(3000))))
            .ToList();
        var chunks = lines.Chunk(250).ToList();
        var source = Source.Memory<string>("vocabulary");
        var recorder = new ProgressRecorder();
        var options = new QueryOptions
        {
            CheckpointLocation = _dir.Combine("checkpoint"),
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            RetainBatches = 2,
            StateSnapshotInterval = 1, // a FASTER base every batch, so that its log fills with superseded records
            Listeners = [recorder],
        };

        // Run 1 stops right after the first batch that moved the state to a new generation.
        var firstSink = Sink.Memory<WordFrequency>();
        int read = 0;
        await using (var first = WordCounts.Start(source, firstSink, options))
        {
            while (read < chunks.Count && Metric(recorder.Progress.LastOrDefault(), "rotated") != 1)
            {
                source.AddData(chunks[read++]);
                await first.ProcessAllAvailableAsync().Within();
            }
        }
        Assert.True(chunks.Count - read >= 3, $"the state moved only at chunk {read} of {chunks.Count}");
        var secondSink = Sink.Memory<WordFrequency>();
        await using (var second = WordCounts.Start(source, secondSink, options))
        {
            foreach (var chunk in chunks.Skip(read))
            {
                source.AddData(chunk);
                await second.ProcessAllAvailableAsync().Within();
            }
        }

        var ranges = recorder.MemoryRanges();
        foreach (var batch in firstSink.Batches.Concat(secondSink.Batches))
            Assert.Equal(Reference.WordCounts(lines.Take(ranges[batch.BatchId].End)), batch.Rows.OrderBy(w => w.Word, StringComparer.Ordinal));
        Assert.Equal(lines.Count, ranges.Values.Last().End);

        // Only generations that a retained base names are left on disk. (The restart recovers the base the last
        // frame named, which may predate the rotation, so the current generation can be either.)
        long generation = Metric(recorder.Progress[^1], "generation");
        string[] generations = Directory.GetDirectories(_dir.Combine("checkpoint", "state", "aggregate0"), "gen-*")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.True(generations.Length <= 2 && generations.Contains($"gen-{generation}"), string.Join(", ", generations));
    }

    private static long Metric(StreamingQueryProgress? progress, string name) =>
        // FASTER's metrics come with the last completed base: none before the first one.
        progress is null ? -1 : Assert.Single(progress.StateOperators).CustomMetrics.GetValueOrDefault(name, -1);
}
