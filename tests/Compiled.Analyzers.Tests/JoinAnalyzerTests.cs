using Compiled.Analyzers.Rules;
using Compiled.Analyzers.Tests.Harness;

namespace Compiled.Analyzers.Tests;

/// <summary>Row types the join tests share.</summary>
internal static class JoinRows
{
    public const string Source = """
        public sealed record Impression(string Id, string Campaigner, DateTime Time);
        public sealed record Click(string ImpressionId, DateTime Time);
        public sealed record Attribution(string Id, DateTime? ClickTime);
        public sealed record Login(string UserId, DateTime Time);
        public sealed record User(string Id, string Name);
        public sealed record LoginUser(string? UserId, string? Name);
        """;
}

public sealed class StreamStreamJoinNotAppendAnalyzerTests
{
    [Fact]
    public Task Stream_stream_join_in_update_mode_is_reported_and_append_is_not() => AnalyzerVerifier<StreamStreamJoinNotAppendAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Update)]
        static partial class Updated
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .[|Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new Attribution(i.Id, c.Time))|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class Appended
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new Attribution(i.Id, c.Time));
        }

        [StreamingQuery(OutputMode.Update)]
        static partial class StaticInUpdate
        {
            static IStream<LoginUser> Define(IStream<Login> logins, StaticTable<User> users) => logins
                .Join(users, l => l.UserId, u => u.Id, (l, u) => new LoginUser(l.UserId, u.Name));
        }
        """, JoinRows.Source);
}

public sealed class OuterJoinWithoutWatermarkAnalyzerTests
{
    [Fact]
    public Task Outer_joins_without_the_watermark_and_range_they_need_are_reported() => AnalyzerVerifier<OuterJoinWithoutWatermarkAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class NoWatermark
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .[|Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new Attribution(i.Id, c?.Time), JoinType.LeftOuter,
                    condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15))|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class NoRange
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
                .[|Join(clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)), i => i.Id, c => c.ImpressionId,
                    (i, c) => new Attribution(i.Id, c?.Time), JoinType.LeftOuter)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class RightOuterNeedsLeftWatermark
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .[|Join(clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)), i => i.Id, c => c.ImpressionId,
                    (i, c) => new Attribution(c.ImpressionId, c.Time), JoinType.RightOuter,
                    condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15))|];
        }
        """, JoinRows.Source);

    [Fact]
    public Task Outer_join_with_watermarks_and_a_range_is_not_reported() => AnalyzerVerifier<OuterJoinWithoutWatermarkAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class Attributed
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
                .Join(clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)), i => i.Id, c => c.ImpressionId,
                    (i, c) => new Attribution(i.Id, c?.Time), JoinType.FullOuter,
                    condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15));
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class LeftOuterWithOnlyRightWatermark
        {
            // Spark: a watermark on the right (nullable) side and a range bounding the left time suffice.
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .Join(clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)), i => i.Id, c => c.ImpressionId,
                    (i, c) => new Attribution(i.Id, c?.Time), JoinType.LeftOuter,
                    condition: (i, c) => i.Time <= c.Time && i.Time + TimeSpan.FromMinutes(15) >= c.Time);
        }
        """, JoinRows.Source);

    [Fact]
    public async Task Message_names_what_is_missing_and_the_side()
    {
        var diagnostics = await AnalyzerVerifier<OuterJoinWithoutWatermarkAnalyzer>.GetDiagnosticsAsync("""
            [StreamingQuery(OutputMode.Append)]
            static partial class NoWatermark
            {
                static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                    .Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new Attribution(i.Id, c?.Time), JoinType.LeftOuter,
                        condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15));
            }
            """, JoinRows.Source);
        var message = Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("LeftOuter join", message, StringComparison.Ordinal);
        Assert.Contains("the right input has no watermark", message, StringComparison.Ordinal);
    }
}

public sealed class FullOuterJoinWithStaticAnalyzerTests
{
    [Fact]
    public Task Full_outer_join_with_a_static_table_is_reported_on_either_side() => AnalyzerVerifier<FullOuterJoinWithStaticAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class StreamLeft
        {
            static IStream<LoginUser> Define(IStream<Login> logins, StaticTable<User> users) => logins
                .[|Join(users, l => l.UserId, u => u.Id, (l, u) => new LoginUser(l?.UserId, u?.Name), JoinType.FullOuter)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class TableLeft
        {
            static IStream<LoginUser> Define(StaticTable<User> users, IStream<Login> logins) => users
                .[|Join(logins, u => u.Id, l => l.UserId, (u, l) => new LoginUser(l?.UserId, u?.Name), JoinType.FullOuter)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class LeftOuter
        {
            static IStream<LoginUser> Define(IStream<Login> logins, StaticTable<User> users) => logins
                .Join(users, l => l.UserId, u => u.Id, (l, u) => new LoginUser(l.UserId, u?.Name), JoinType.LeftOuter);
        }
        """, JoinRows.Source);
}

public sealed class OuterJoinStaticSideUnsupportedAnalyzerTests
{
    [Fact]
    public Task Joins_that_keep_the_static_rows_are_reported() => AnalyzerVerifier<OuterJoinStaticSideUnsupportedAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class RightOuter
        {
            static IStream<LoginUser> Define(IStream<Login> logins, StaticTable<User> users) => logins
                .[|Join(users, l => l.UserId, u => u.Id, (l, u) => new LoginUser(l?.UserId, u.Name), JoinType.RightOuter)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class TableLeftOuter
        {
            static IStream<LoginUser> Define(StaticTable<User> users, IStream<Login> logins) => users
                .[|Join(logins, u => u.Id, l => l.UserId, (u, l) => new LoginUser(l?.UserId, u.Name), JoinType.LeftOuter)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class TableSemi
        {
            static IStream<User> Define(StaticTable<User> users, IStream<Login> logins) => users
                .[|SemiJoin(logins, u => u.Id, l => l.UserId)|];
        }
        """, JoinRows.Source);

    [Fact]
    public Task Table_on_the_left_with_inner_or_right_outer_is_not_reported() => AnalyzerVerifier<OuterJoinStaticSideUnsupportedAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class TableRightOuter
        {
            static IStream<LoginUser> Define(StaticTable<User> users, IStream<Login> logins) => users
                .Join(logins, u => u.Id, l => l.UserId, (u, l) => new LoginUser(l.UserId, u?.Name), JoinType.RightOuter);
        }
        """, JoinRows.Source);
}

public sealed class AntiJoinWithStreamingRightAnalyzerTests
{
    [Fact]
    public Task Anti_join_with_a_stream_is_reported_and_with_a_table_is_not() => AnalyzerVerifier<AntiJoinWithStreamingRightAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class AntiStream
        {
            static IStream<Login> Define(IStream<Login> logins, IStream<Click> clicks) => logins
                .[|AntiJoin(clicks, l => l.UserId, c => c.ImpressionId)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class AntiTable
        {
            static IStream<Login> Define(IStream<Login> logins, StaticTable<User> users) => logins
                .AntiJoin(users, l => l.UserId, u => u.Id);
        }
        """, JoinRows.Source);
}

public sealed class InnerJoinStateUnboundedAnalyzerTests
{
    [Fact]
    public Task Inner_join_without_bounds_warns_and_a_bounded_one_does_not() => AnalyzerVerifier<InnerJoinStateUnboundedAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class Unbounded
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .[|Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new Attribution(i.Id, c.Time))|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class Bounded
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
                .Join(clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)), i => i.Id, c => c.ImpressionId,
                    (i, c) => new Attribution(i.Id, c.Time),
                    condition: (i, c) => c.Time > i.Time && c.Time < i.Time + TimeSpan.FromMinutes(15));
        }
        """, JoinRows.Source);
}

public sealed class SetOperationWithStreamAnalyzerTests
{
    [Fact]
    public Task Set_operations_a_stream_cannot_run_are_reported() => AnalyzerVerifier<SetOperationWithStreamAnalyzer>.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class UnionTable
        {
            static IStream<string> Define(IStream<string> words, StaticTable<string> known) => words.[|Union(known)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class IntersectStream
        {
            static IStream<string> Define(IStream<string> words, IStream<string> others) => words.[|Intersect(others)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class ExceptStream
        {
            static IStream<string> Define(IStream<string> words, IStream<string> others) => words.[|Except(others)|];
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class UnionStreams
        {
            static IStream<string> Define(IStream<string> words, IStream<string> others) => words.Union(others);
        }
        """, JoinRows.Source);
}

public sealed class OuterJoinWithoutWatermarkFixerTests
{
    private const string Rows = """

        public sealed record Impression(string Id, string Campaigner, DateTime Time);
        public sealed record Click(string ImpressionId, DateTime Time);
        public sealed record Attribution(string Id, DateTime? ClickTime);
        """;

    [Fact]
    public Task Fix_adds_a_watermark_on_the_right_input() => CodeFixVerifier<Compiled.Analyzers.CodeFixes.OuterJoinWithoutWatermarkFixer>.VerifyAsync(
        new OuterJoinWithoutWatermarkAnalyzer(),
        before: """
        [StreamingQuery(OutputMode.Append)]
        static partial class Attributed
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .[|Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new Attribution(i.Id, c?.Time), JoinType.LeftOuter,
                    condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15))|];
        }
        """ + Rows,
        after: """
        [StreamingQuery(OutputMode.Append)]
        static partial class Attributed
        {
            static IStream<Attribution> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
                .Join(clicks.WithWatermark(row => row.Time, TimeSpan.FromMinutes(10)), i => i.Id, c => c.ImpressionId, (i, c) => new Attribution(i.Id, c?.Time), JoinType.LeftOuter,
                    condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15));
        }
        """ + Rows);
}
