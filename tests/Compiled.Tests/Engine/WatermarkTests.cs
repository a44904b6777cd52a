using Compiled.Sources;
using Compiled.Testing.EventTime;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

/// <summary>Per-input watermarks, the min/max policy, and their persistence across restarts.</summary>
public sealed class WatermarkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options(MultipleWatermarkPolicy policy) => new()
    {
        CheckpointLocation = _dir.Combine("chk"),
        Clock = new ManualClock(1_000),
        WatermarkPolicy = policy,
    };

    private string Chk(params string[] parts) => _dir.Combine(["chk", .. parts]);

    /// <summary>Left sees 10 s, right 20 s, left 30 s: per input 9/17/29 s after delays of 1 and 3 s.</summary>
    private static async Task<TwoInputWatermarkPlan> RunThreeBatches(QueryOptions options, MemorySource<long> left, MemorySource<long> right)
    {
        var plan = new TwoInputWatermarkPlan();
        await using var query = StreamingQuery.Start(plan, [left, right], Sink.Memory<long>(), options);
        left.AddData(10_000);
        await query.ProcessAllAvailableAsync().Bounded();
        right.AddData(20_000, 5_000);
        await query.ProcessAllAvailableAsync().Bounded();
        left.AddData(30_000);
        await query.ProcessAllAvailableAsync().Bounded();
        return plan;
    }

    [Theory]
    [InlineData(MultipleWatermarkPolicy.Min)]
    [InlineData(MultipleWatermarkPolicy.Max)]
    public async Task The_query_watermark_follows_the_policy_over_the_inputs_watermarks(MultipleWatermarkPolicy policy)
    {
        var left = Source.Memory<long>();
        var right = Source.Memory<long>();
        var plan = await RunThreeBatches(Options(policy), left, right);

        // After each batch the inputs stand at (9 s, none), (9 s, 17 s), (29 s, 17 s); under Min an input without rows holds the query back.
        Assert.Equal(EventTimeReference.Combine([9_000, 17_000], policy), plan.Watermarks[2]);
        long[] expected = policy == MultipleWatermarkPolicy.Min ? [long.MinValue, long.MinValue, 9_000] : [long.MinValue, 9_000, 17_000];
        Assert.Equal(expected, new[] { plan.Watermarks[0], plan.Watermarks[1], plan.Watermarks[2] });
        string commit = File.ReadAllText(Chk("commits", "2"));
        Assert.Contains("\"nextBatchWatermarkMs\": " + (policy == MultipleWatermarkPolicy.Min ? "17000" : "29000"), commit);
        Assert.Contains("\"nextInputWatermarksMs\": [\n    29000,\n    17000\n  ]", commit.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Watermarks_are_recovered_exactly_after_a_restart()
    {
        var left = Source.Memory<long>();
        var right = Source.Memory<long>();
        await RunThreeBatches(Options(MultipleWatermarkPolicy.Min), left, right);

        // The right input moves to 40 s: only the recovered per-input watermark of left (29 s) explains a query watermark of 29 s.
        var plan = new TwoInputWatermarkPlan();
        await using (var query = StreamingQuery.Start(plan, [left, right], Sink.Memory<long>(), Options(MultipleWatermarkPolicy.Min)))
        {
            right.AddData(40_000);
            await query.ProcessAllAvailableAsync().Bounded();
            left.AddData(1);
            await query.ProcessAllAvailableAsync().Bounded();
        }
        Assert.Equal(17_000, plan.Watermarks[3]);
        Assert.Equal(29_000, plan.Watermarks[4]);
        Assert.Contains("\"inputWatermarksMs\": [\n    29000,\n    37000\n  ]", File.ReadAllText(Chk("offsets", "4")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_policy_cannot_change_between_restarts()
    {
        var left = Source.Memory<long>();
        var right = Source.Memory<long>();
        await RunThreeBatches(Options(MultipleWatermarkPolicy.Min), left, right);

        var e = Assert.Throws<Compiled.Checkpointing.CheckpointException>(() =>
            StreamingQuery.Start(new TwoInputWatermarkPlan(), [left, right], Sink.Memory<long>(), Options(MultipleWatermarkPolicy.Max)));
        Assert.Contains("multipleWatermarkPolicy", e.Message);
        Assert.Contains("'Max'", e.Message);
        Assert.Contains("'Min'", e.Message);
    }

    [Fact]
    public async Task A_checkpoint_without_per_input_watermarks_still_loads_and_keeps_its_watermark()
    {
        var left = Source.Memory<long>();
        var right = Source.Memory<long>();
        await RunThreeBatches(Options(MultipleWatermarkPolicy.Min), left, right);
        // Written by a runtime before per-input watermarks: only the query's watermark is logged.
        foreach (string file in Directory.GetFiles(Chk("offsets")).Concat(Directory.GetFiles(Chk("commits"))))
        {
            string text = File.ReadAllText(file).ReplaceLineEndings("\n");
            text = System.Text.RegularExpressions.Regex.Replace(text, ",\n  \"(next)?[iI]nputWatermarksMs\": \\[[^\\]]*\\]", "");
            Assert.DoesNotContain("nputWatermarksMs", text);
            File.WriteAllText(file, text);
        }

        var plan = new TwoInputWatermarkPlan();
        await using (var query = StreamingQuery.Start(plan, [left, right], Sink.Memory<long>(), Options(MultipleWatermarkPolicy.Min)))
        {
            left.AddData(31_000);
            await query.ProcessAllAvailableAsync().Bounded();
            right.AddData(50_000);
            await query.ProcessAllAvailableAsync().Bounded();
            left.AddData(1);
            await query.ProcessAllAvailableAsync().Bounded();
        }
        // The query's 17 s survives; inputs start afresh: left 30 s, right none -> still 17 s; then right 47 s -> 30 s.
        Assert.Equal(17_000, plan.Watermarks[3]);
        Assert.Equal(17_000, plan.Watermarks[4]);
        Assert.Equal(30_000, plan.Watermarks[5]);
    }
}
