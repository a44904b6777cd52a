using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Testing.Joins;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// A stream joined with itself (left outer, within a time range), through the real engine over FASTER state with late
/// and out-of-order rows, engine-chosen batches and a restart halfway: each batch must write what
/// <see cref="StreamJoinReference{TLeft, TRight, TKey, TOut}"/> says for the same rows arriving on both sides at once.
/// </summary>
public sealed class SelfJoinRestartTests : IDisposable
{
    private static readonly long s_delay = (long)TimeSpan.FromMinutes(10).TotalMilliseconds;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    public async Task Self_join_matches_the_reference(int seed)
    {
        var (impressions, _) = StreamJoinRestartTests.Events(500, seed);
        var chunks = InputData.Chunks(impressions, seed, 60);
        var source = Source.Memory<AdImpression>("impressions", maxRowsPerTrigger: 20 + seed % 17);
        var (emitted, recorder, _) = await RestartedRun.RunAsync<AdImpression, AdPair>(AdSelfJoin.Start, source, chunks, _dir.Combine("checkpoint"));

        var reference = new StreamJoinReference<AdImpression, AdImpression, string, AdPair>
        {
            LeftKey = a => a.Campaigner,
            RightKey = b => b.Campaigner,
            LeftTimeMs = a => EventTimes.ToUnixMs(a.Time),
            RightTimeMs = b => EventTimes.ToUnixMs(b.Time),
            LeftDelayMs = s_delay,
            RightDelayMs = s_delay,
            // b > a and b <= a + 5 min: a - b in [-5 min, -1 ms].
            LowerMs = -(long)TimeSpan.FromMinutes(5).TotalMilliseconds,
            UpperMs = -1,
            Type = JoinType.LeftOuter,
            Result = (a, b) => new AdPair(a.Id, b?.Id),
        };
        var ranges = recorder.MemoryRanges();
        Assert.Equal(impressions.Count, ranges.Values.Last().End);
        var all = new List<AdPair>();
        foreach (var (batchId, (from, to)) in ranges)
        {
            var rows = impressions.GetRange(from, to - from);
            var expected = reference.Batch(rows, rows);
            var actual = emitted.GetValueOrDefault(batchId, []);
            Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                $"batch {batchId}: expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(actual))}");
            all.AddRange(actual);
        }
        Assert.True(reference.Late > 0, "the data should hold late rows");
        Assert.Contains(all, p => p.Second is not null);
        // Every impression that was not late is written without a follower exactly once, or with its followers.
        var alone = all.Where(p => p.Second is null).Select(p => p.First).ToList();
        Assert.NotEmpty(alone);
        Assert.Equal(alone.Count, alone.Distinct().Count());
    }

    private static IEnumerable<string> Sorted(IEnumerable<AdPair> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal);
}
