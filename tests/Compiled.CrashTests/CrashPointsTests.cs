using Compiled.Diagnostics;

namespace Compiled.CrashTests;

/// <summary>Parsing of <c>COMPILED_CRASH_POINT</c> and matching of hits (the process-killing part is what
/// <see cref="CrashRecoveryTests"/> exercises in a child process).</summary>
public sealed class CrashPointsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_unset_variable_targets_nothing(string? value) => Assert.Null(CrashPoints.Target.Parse(value));

    [Fact]
    public void A_point_and_batch_match_that_batch_of_any_query()
    {
        var target = CrashPoints.Target.Parse("sink.midWrite@3")!;

        Assert.Null(target.Error);
        Assert.True(target.Matches(CrashPoints.SinkMidWrite, 3, "A"));
        Assert.True(target.Matches(CrashPoints.SinkMidWrite, 3, "B"));
        Assert.False(target.Matches(CrashPoints.SinkMidWrite, 4, "A"));
        Assert.False(target.Matches(CrashPoints.SinkWritten, 3, "A"));
    }

    [Fact]
    public void A_query_name_restricts_the_match_to_that_query()
    {
        var target = CrashPoints.Target.Parse("commit.written@12:Totals")!;

        Assert.True(target.Matches(CrashPoints.CommitWritten, 12, "Totals"));
        Assert.False(target.Matches(CrashPoints.CommitWritten, 12, "Doubled"));
    }

    [Fact]
    public void A_hit_from_code_that_does_not_know_its_query_matches_any_query_filter()
    {
        var target = CrashPoints.Target.Parse("state.midCheckpoint@2:Totals")!;

        Assert.True(target.Matches(CrashPoints.StateMidCheckpoint, 2, queryName: null));
        Assert.False(target.Matches(CrashPoints.StateMidCheckpoint, 3, queryName: null));
    }

    [Theory]
    [InlineData("sink.midWrite", "the batch id is missing")]
    [InlineData("sink.midwrite@3", "'sink.midwrite' is not a crash point")]
    [InlineData("offsets.written@-1", "'-1' is not a batch id")]
    [InlineData("offsets.written@x", "'x' is not a batch id")]
    [InlineData("offsets.written@1:", "the query name after ':' is empty")]
    public void A_malformed_value_fails_the_first_hit_naming_the_variable(string value, string reason)
    {
        var target = CrashPoints.Target.Parse(value)!;

        var error = Assert.Throws<InvalidOperationException>(() => target.HitIfMatches(CrashPoints.OffsetsWritten, 1, "Q"));
        Assert.Contains($"COMPILED_CRASH_POINT='{value}' is invalid", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_hit_that_does_not_match_returns()
    {
        var target = CrashPoints.Target.Parse("sink.written@5:Q")!;

        target.HitIfMatches(CrashPoints.SinkWritten, 4, "Q");
        target.HitIfMatches(CrashPoints.SinkWritten, 5, "Other");

        Assert.False(target.Matches(CrashPoints.SinkWritten, 4, "Q"));
    }
}
