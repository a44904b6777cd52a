using System.Globalization;
using System.Text.Json;
using Compiled.CrashHost;
using Compiled.CrashTests.TestSupport;
using Compiled.Diagnostics;
using Compiled.Sinks.Files;

namespace Compiled.CrashTests;

/// <summary>
/// The host's generated stateful queries over FASTER state (<see cref="KeyedHost"/>: a stream-stream join, a
/// deduplication, FlatMapGroupsWithState with an event-time timeout, a join feeding a window aggregation, a union feeding
/// one, a window aggregation feeding another) are killed with SIGKILL at an injected point and
/// restarted: every batch each query committed must equal, row for row, what an uninterrupted run committed, and the
/// uninterrupted run must equal the references (LINQ join and first-per-key; the sessions by their sums).
/// </summary>
public sealed class KeyedCrashTests(KeyedCrashTests.CleanRun clean) : IClassFixture<KeyedCrashTests.CleanRun>
{
    private const string Join = "AckedTicks";
    private const string Dedup = "FirstTicks";
    private const string Sessions = "TickSessions";
    private const string PerMinute = "AckedPerMinute";
    private const string Beats = "BeatsPerMinute";
    private const string Chained = "ChainedTickTotals";

    /// <summary>
    /// Every point the engine, the file sink and the FASTER provider hit (the changelog's points belong to the changelog
    /// store, which these queries do not use), at one or two batches, spread over the three queries (the kill stops all
    /// three, wherever the others are). The sink points name batches the query writes rows in. Kept to about a dozen host runs
    /// pairs: each takes about 4 s.
    /// </summary>
    public static TheoryData<string, int, string> CrashCases => new()
    {
        { CrashPoints.BatchRunInMemory, 4, Sessions },
        { CrashPoints.OffsetsWritten, 0, Join },
        { CrashPoints.SinkMidWrite, 2, Dedup },
        { CrashPoints.SinkMidWrite, 9, Join },
        { CrashPoints.SinkRenamed, 0, Dedup },
        { CrashPoints.SinkWritten, 1, Dedup },
        { CrashPoints.SinkWritten, 10, Sessions },
        { CrashPoints.StateMidCheckpoint, 5, Join },
        { CrashPoints.StateCheckpointed, 4, Join },
        { CrashPoints.CommitWritten, 3, Dedup },
        { CrashPoints.CommitWritten, 7, Sessions },
        { CrashPoints.SinkMidWrite, 6, Beats },
        { CrashPoints.StateCheckpointed, 8, PerMinute },
        { CrashPoints.SinkMidWrite, 5, Chained },
        { CrashPoints.StateCheckpointed, 6, Chained },
    };

    [Fact]
    public void The_uninterrupted_run_matches_the_references()
    {
        var input = KeyedInput.Create();
        var acked = clean.Batches[Join].Values.SelectMany(b => b).Select(line => JsonSerializer.Deserialize<AckedTick>(line)!).ToList();
        Assert.Equal(Sorted(input.ExpectedAcked()), Sorted(acked));
        var first = clean.Batches[Dedup].Values.SelectMany(b => b).Select(line => JsonSerializer.Deserialize<Tick>(line)!);
        Assert.Equal(Sorted(input.ExpectedFirst()), Sorted(first));

        // Sessions close only once the watermark passes them, so the last ones stay open: every closed session's ticks are
        // ticks of its key inside its span, and the sessions of a key never overlap.
        var sessions = clean.Batches[Sessions].Values.SelectMany(b => b).Select(line => JsonSerializer.Deserialize<TickSession>(line)!).ToList();
        Assert.True(sessions.Count > 5, $"only {sessions.Count} sessions closed");
        var ticks = input.TickFiles.SelectMany(f => f).ToList();
        foreach (var group in sessions.GroupBy(s => s.Key))
        {
            var ordered = group.OrderBy(s => s.Start).ToList();
            for (int i = 1; i < ordered.Count; i++) Assert.True(ordered[i].Start > ordered[i - 1].End + TickSessions.Gap, $"overlapping sessions: {ordered[i - 1]} and {ordered[i]}");
            foreach (var s in ordered)
            {
                var inside = ticks.Where(t => t.Key == s.Key && t.Time >= s.Start && t.Time <= s.End).ToList();
                Assert.True(s.Count <= inside.Count && s.Sum <= inside.Sum(t => (long)t.Value), $"{s} holds more than the ticks in its span");
            }
        }
    }

    [Fact]
    public void The_uninterrupted_windowed_runs_match_the_references()
    {
        var input = KeyedInput.Create();
        var minute = TimeSpan.FromMinutes(1).Ticks;
        DateTime MinuteOf(DateTime time) => new(time.Ticks - time.Ticks % minute, DateTimeKind.Utc);

        // The join's pairs are never behind its output watermark here (acks come 1 s after their tick, at most two files late).
        var acked = input.ExpectedAcked().GroupBy(r => MinuteOf(r.At))
            .ToDictionary(g => g.Key, g => new MinuteTotal(g.Key, "acked", g.LongCount(), g.Sum(r => (long)r.Value)));
        AssertClosedWindows(PerMinute, acked);

        // The union drops a row at or behind the query watermark of its batch: the smaller of the two inputs' latest times
        // in earlier batches, less 3 minutes.
        var beats = new List<Beat>();
        DateTime latestTick = DateTime.MinValue, latestAck = DateTime.MinValue;
        for (int batch = 0; batch < KeyedInput.FileCount; batch++)
        {
            DateTime watermark = batch == 0 ? DateTime.MinValue : (latestTick < latestAck ? latestTick : latestAck).AddMinutes(-3);
            beats.AddRange(input.TickFiles[batch].Where(t => t.Time > watermark).Select(t => new Beat("tick", t.Time, t.Value)));
            beats.AddRange(input.AckFiles[batch].Where(a => a.At > watermark).Select(a => new Beat("ack", a.At, 1)));
            latestTick = input.TickFiles[batch].Max(t => t.Time) is var t0 && t0 > latestTick ? t0 : latestTick;
            latestAck = input.AckFiles[batch].Max(a => a.At) is var a0 && a0 > latestAck ? a0 : latestAck;
        }
        Assert.True(input.AckFiles.SelectMany(f => f).Count() > beats.Count(b => b.Kind == "ack"), "some acknowledgements should be late");
        var perKind = beats.GroupBy(b => (MinuteOf(b.Time), b.Kind))
            .ToDictionary(g => g.Key, g => new MinuteTotal(g.Key.Item1, g.Key.Kind, g.LongCount(), g.Sum(b => (long)b.Value)));
        AssertClosedWindows(Beats, perKind);

        // No tick is behind the 30 s watermark (they come at most 9 s early), and a 20 s window's time falls in the 2-minute
        // window its ticks do: the chain totals every tick of each 2-minute window.
        var twoMinutes = TimeSpan.FromMinutes(2).Ticks;
        var chained = input.TickFiles.SelectMany(f => f).GroupBy(t => new DateTime(t.Time.Ticks - t.Time.Ticks % twoMinutes, DateTimeKind.Utc))
            .ToDictionary(g => g.Key, g => new MinuteTotal(g.Key, "chained", g.LongCount(), g.Sum(t => (long)t.Value)));
        AssertClosedWindows(Chained, chained);
    }

    /// <summary>
    /// Every window <paramref name="query"/> emitted holds the reference totals, each once, and the emitted windows are
    /// the earliest of the reference's (a window closes only after every earlier one).
    /// </summary>
    private void AssertClosedWindows<TKey>(string query, Dictionary<TKey, MinuteTotal> reference)
        where TKey : notnull
    {
        var emitted = clean.Batches[query].Values.SelectMany(b => b).Select(line => JsonSerializer.Deserialize<MinuteTotal>(line)!).ToList();
        Assert.True(emitted.Count > 3, $"{query} closed only {emitted.Count} windows");
        Assert.Equal(emitted.Count, emitted.Select(w => (w.Start, w.Kind)).Distinct().Count());
        foreach (var window in emitted) Assert.Contains(window, reference.Values);
        DateTime lastClosed = emitted.Max(w => w.Start);
        Assert.Equal(Sorted(reference.Values.Where(w => w.Start < lastClosed)), Sorted(emitted.Where(w => w.Start < lastClosed)));
    }

    [Theory]
    [MemberData(nameof(CrashCases))]
    public Task A_crash_then_a_restart_gives_the_uninterrupted_output(string point, int batchId, string query) =>
        CrashAndRecoverAsync([(point, batchId, query)]);

    [Fact]
    public Task Two_crashes_then_a_restart_give_the_uninterrupted_output() =>
        CrashAndRecoverAsync([(CrashPoints.StateCheckpointed, 3, Sessions), (CrashPoints.SinkMidWrite, 7, Join)]);

    private async Task CrashAndRecoverAsync((string Point, int BatchId, string Query)[] crashes)
    {
        using var workspace = new CrashWorkspace();
        KeyedInput.Create().WriteTo(workspace.Input);
        foreach (var (point, batchId, query) in crashes)
        {
            if (point is CrashPoints.SinkMidWrite or CrashPoints.SinkRenamed)
                Assert.True(clean.Batches[query].GetValueOrDefault(batchId, []).Length > 0, $"{query} writes no rows in batch {batchId}: the sink never reaches {point}");
            string spec = $"{point}@{batchId}:{query}";
            HostResult crashed = await HostRunner.RunKeyedAsync(workspace, spec);
            CrashEvidence.AssertKilledAt(crashed, spec);
            string checkpoint = Path.Combine(workspace.Checkpoint, query);
            string id = batchId.ToString(CultureInfo.InvariantCulture);
            // At batch.runInMemory, batch N ran ahead of batch N-1's commit and nothing of it is logged.
            Assert.True(File.Exists(Path.Combine(checkpoint, "offsets", id)) == (point != CrashPoints.BatchRunInMemory), $"offsets/{id} of {query} after a crash at {point}");
            if (point == CrashPoints.BatchRunInMemory)
                Assert.False(File.Exists(Path.Combine(checkpoint, "commits", (batchId - 1).ToString(CultureInfo.InvariantCulture))));
            if (point != CrashPoints.StateMidCheckpoint)
                Assert.Equal(point == CrashPoints.CommitWritten, File.Exists(Path.Combine(checkpoint, "commits", id)));
        }
        HostResult result = await HostRunner.RunKeyedAsync(workspace, crashPoint: null);
        Assert.True(result.ExitCode == 0, $"The restart without a crash point failed: {result}");

        foreach (string query in KeyedHost.Queries)
        {
            var batches = CleanRun.Read(workspace.Output, query);
            Assert.Equal(clean.Batches[query].Keys, batches.Keys);
            foreach (var (batch, rows) in clean.Batches[query])
                Assert.True(rows.SequenceEqual(batches[batch]), $"{query} batch {batch} differs from the uninterrupted run:\n{string.Join("\n", batches[batch])}\nexpected\n{string.Join("\n", rows)}");
            string[] strays = Directory.EnumerateFiles(Path.Combine(workspace.Output, query)).Select(Path.GetFileName)
                .Except(FileSinkReader.CommittedFiles(Path.Combine(workspace.Output, query)).Select(Path.GetFileName)).ToArray()!;
            Assert.True(strays.Length == 0, $"{query}: files outside every manifest: {string.Join(", ", strays)}");
        }
    }

    private static List<string> Sorted<T>(IEnumerable<T> rows) => [.. rows.Select(r => r!.ToString()!).Order(StringComparer.Ordinal)];

    /// <summary>One run of the keyed host without a crash: what each query committed, batch by batch.</summary>
    public sealed class CleanRun : IAsyncLifetime
    {
        private readonly CrashWorkspace _workspace = new();

        /// <summary>Per query, per batch id, the committed JSON lines in ordinal order (row order within a batch is not defined).</summary>
        public Dictionary<string, SortedDictionary<long, string[]>> Batches { get; } = [];

        public async Task InitializeAsync()
        {
            KeyedInput.Create().WriteTo(_workspace.Input);
            HostResult result = await HostRunner.RunKeyedAsync(_workspace, crashPoint: null);
            Assert.True(result.ExitCode == 0, $"The uninterrupted run failed: {result}");
            foreach (string query in KeyedHost.Queries) Batches[query] = Read(_workspace.Output, query);
            Assert.Equal(Enumerable.Range(0, KeyedInput.FileCount).Select(n => (long)n), Batches[Join].Keys);
        }

        public Task DisposeAsync()
        {
            _workspace.Dispose();
            return Task.CompletedTask;
        }

        /// <summary>The committed batches of <paramref name="query"/>'s file sink under <paramref name="output"/>.</summary>
        public static SortedDictionary<long, string[]> Read(string output, string query)
        {
            string root = Path.Combine(output, query);
            var batches = new SortedDictionary<long, string[]>();
            foreach (var (batchId, entries) in FileSinkManifest.ReadAll(root))
                batches[batchId] = [.. entries.SelectMany(e => File.ReadAllLines(Path.Combine(root, e.Name))).Order(StringComparer.Ordinal)];
            return batches;
        }
    }
}
