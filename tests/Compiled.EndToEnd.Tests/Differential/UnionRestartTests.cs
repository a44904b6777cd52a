using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// A union of two watermarked streams feeding an Append window aggregation, through the real engine over FASTER state,
/// with out-of-order and late rows on both inputs, engine-chosen batches and a restart halfway, against a reference
/// written here from Spark's rules: each input's watermark is the largest time it has seen minus its delay, the query's
/// the minimum of the two (never moving back); a row at or behind the batch's watermark is dropped before the
/// aggregation, whichever input it came from; a window is written once the watermark passes its end.
/// </summary>
public sealed class UnionRestartTests : IDisposable
{
    private const long Window = 10_000;
    private static readonly long[] s_delays = [5_000, 8_000];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(91)]
    [InlineData(92)]
    public async Task Union_then_tumbling_windows_matches_the_reference(int seed)
    {
        var north = Readings(400, seed);
        var south = Readings(300, seed + 100);
        var (recorder, emitted) = await TwoInputRun.RunAsync<Reading, Reading, SensorWindow>(
            UnionSensorAppend.Start, north, south, seed, _dir.Combine("checkpoint"));

        var ranges = recorder.TwoMemoryRanges();
        Assert.Equal(north.Count, ranges.Values.Last().Left.End);
        Assert.Equal(south.Count, ranges.Values.Last().Right.End);
        var windows = new SortedDictionary<(long Start, string Sensor), (long Count, long Sum)>();
        var inputMax = new[] { long.MinValue, long.MinValue };
        long watermark = long.MinValue;
        int late = 0;
        var all = new List<SensorWindow>();
        foreach (var (batchId, (left, right)) in ranges)
        {
            var batch = new[] { north.GetRange(left.Start, left.End - left.Start), south.GetRange(right.Start, right.End - right.Start) };
            for (int input = 0; input < 2; input++)
            {
                foreach (var r in batch[input])
                {
                    long time = EventTimes.ToUnixMs(r.Time);
                    inputMax[input] = Math.Max(inputMax[input], time);
                    // The south input's filter runs after its watermark: a negative reading moves it but is never counted.
                    if (time <= watermark)
                    {
                        late++;
                        continue;
                    }
                    if (input == 1 && r.Value < 0) continue;
                    long start = time - (((time % Window) + Window) % Window);
                    var (count, sum) = windows.GetValueOrDefault((start, r.Sensor));
                    windows[(start, r.Sensor)] = (count + 1, sum + r.Value);
                }
            }
            var expected = new List<SensorWindow>();
            if (watermark != long.MinValue)
            {
                foreach (var closed in windows.Keys.Where(k => k.Start + Window <= watermark).ToList())
                {
                    var (count, sum) = windows[closed];
                    expected.Add(new SensorWindow(Utc(closed.Start), Utc(closed.Start + Window), closed.Sensor, count, sum));
                    windows.Remove(closed);
                }
            }
            if (inputMax[0] != long.MinValue && inputMax[1] != long.MinValue)
                watermark = Math.Max(watermark, Math.Min(inputMax[0] - s_delays[0], inputMax[1] - s_delays[1]));
            var actual = emitted.GetValueOrDefault(batchId, []);
            Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                $"batch {batchId}: expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(actual))}");
            all.AddRange(actual);
        }
        Assert.True(late > 0, "the inputs should hold late rows");
        Assert.True(all.Count > 10, "some windows should have closed");
        Assert.Contains(all, w => w.Count > 1);
    }

    private static DateTime Utc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    private static IEnumerable<string> Sorted(IEnumerable<SensorWindow> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal);

    /// <summary>Readings moving forward by up to 1.5 s each, a sixth of them up to 20 s in the past; a tenth negative.</summary>
    private static List<Reading> Readings(int count, int seed)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        var rows = new List<Reading>(count);
        for (int i = 0; i < count; i++)
        {
            now = now.AddMilliseconds(random.Next(0, 1_500));
            var time = random.Next(6) == 0 ? now.AddMilliseconds(-random.Next(0, 20_000)) : now;
            rows.Add(new Reading(time, "s" + random.Next(3), random.Next(10) == 0 ? -random.Next(1, 50) : random.Next(0, 100)));
        }
        return rows;
    }
}
