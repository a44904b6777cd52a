using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>The parser reads watermarks and windows into the model; planning turns each stateful node into a state operator.</summary>
public sealed class EventTimeModelTests
{
    public static TheoryData<string> Names => new(EventTimeQueries.All.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Tumbling_window_over_a_watermarked_DateTime()
    {
        var parsed = Read("TumblingAppend");
        var watermark = Assert.IsType<WatermarkSpec>(parsed.Query!.Operators[0]);
        Assert.Equal((0, "CreatedTime", EventTimeKind.DateTime, 30 * 60_000L, LateRowsPolicy.Drop),
            (watermark.Input, watermark.EventTimeMember, watermark.TimeKind, watermark.DelayMs, watermark.LateRows));
        Assert.Equal("t => t.CreatedTime", watermark.EventTime.Display);

        var window = Assert.IsType<AggregateSpec>(parsed.Query.Operators[1]).Window!;
        Assert.Equal((WindowKind.Tumbling, "CreatedTime", EventTimeKind.DateTime, 15 * 60_000L, 15 * 60_000L, 0L, -1),
            (window.Kind, window.TimeMember, window.TimeKind, window.SizeMs, window.SlideMs, window.OffsetMs, window.KeyPosition));
        Assert.True(window.IsWholeKey);
        Assert.Empty(window.OtherKeyParts);
        Assert.Equal("Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15))", parsed.TextAt(parsed.Syntax.Get(window)));
        Assert.Equal("TimeSpan.FromMinutes(15)", parsed.TextAt(parsed.Syntax.Get(window, "size")));
        Assert.Equal("WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))", parsed.TextAt(parsed.Syntax.Get(watermark)));
    }

    [Fact]
    public void Sliding_window_as_one_element_of_a_tuple_key()
    {
        var parsed = Read("SlidingByBroker");
        var watermark = Assert.IsType<WatermarkSpec>(parsed.Query!.Operators[0]);
        Assert.Equal((EventTimeKind.UnixMs, 10_000L, LateRowsPolicy.ToSink), (watermark.TimeKind, watermark.DelayMs, watermark.LateRows));
        var window = Assert.IsType<AggregateSpec>(parsed.Query.Operators[1]).Window!;
        Assert.Equal((WindowKind.Sliding, 600_000L, 300_000L, 0, "Time"), (window.Kind, window.SizeMs, window.SlideMs, window.KeyPosition, window.TimeMember));
        var broker = Assert.Single(window.OtherKeyParts);
        Assert.Equal("t => t.BrokerCode", broker.Display);
        Assert.Equal("t.BrokerCode", broker.Body);
        Assert.Equal("string", broker.ReturnType);
    }

    [Fact]
    public void Session_window_with_a_per_row_gap_in_an_anonymous_key()
    {
        var parsed = Read("SessionPerRowGap");
        var watermark = Assert.IsType<WatermarkSpec>(parsed.Query!.Operators[0]);
        Assert.Equal((EventTimeKind.DateTimeOffset, 300_000L), (watermark.TimeKind, watermark.DelayMs));
        var window = Assert.IsType<AggregateSpec>(parsed.Query.Operators[1]).Window!;
        Assert.Equal((WindowKind.Session, 1, "At", 0L), (window.Kind, window.KeyPosition, window.TimeMember, window.GapMs));
        Assert.NotNull(window.Gap);
        Assert.Equal("t => TimeSpan.FromMinutes(t.GapMinutes)", window.Gap!.Display);
        Assert.Equal("global::System.TimeSpan.FromMinutes(t.GapMinutes)", window.Gap.Body);
    }

    [Fact]
    public void Processing_time_window_has_no_time_lambda()
    {
        var window = Assert.IsType<AggregateSpec>(Read("ProcessingTime").Query!.Operators[0]).Window!;
        Assert.True(window.IsProcessingTime);
        Assert.Null(window.TimeMember);
        Assert.Equal((5000L, 1000L), (window.SizeMs, window.OffsetMs));
    }

    [Theory]
    [InlineData("TimeSpan.FromMinutes(1.5)", 90_000L)]
    [InlineData("TimeSpan.FromHours(2)", 7_200_000L)]
    [InlineData("TimeSpan.FromDays(1)", 86_400_000L)]
    [InlineData("TimeSpan.FromMilliseconds(250)", 250L)]
    [InlineData("new TimeSpan(1, 2, 3)", 3_723_000L)]
    [InlineData("new TimeSpan(10_000_000)", 1000L)]
    [InlineData("TimeSpan.FromSeconds(-5)", -5000L)]
    [InlineData("TimeSpan.Zero", 0L)]
    public void Constant_durations_are_read_in_milliseconds(string duration, long expected)
    {
        var parsed = ModelReader.Read(EventTimeQueries.Query("Update", "IStream<WindowTotal>",
            "trades.GroupBy(t => Window.Tumbling(t.CreatedTime, " + duration + ")).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount(), 0))"),
            EventTimeQueries.Rows);
        Assert.True(parsed.Query is not null, string.Join("\n", parsed.Diagnostics.Select(d => d.Id + " " + string.Join(" | ", d.Arguments))));
        Assert.Equal(expected, ((AggregateSpec)parsed.Query!.Operators[0]).Window!.SizeMs);
    }

    [Theory]
    [InlineData("Window.Tumbling(t.CreatedTime, [|TimeSpan.FromMinutes(t.Amount)|])", "with a non-constant size")]
    [InlineData("([|Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(1))|].Start, t.BrokerCode)", "a key holds one window")]
    [InlineData("(Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(1)), [|Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(2))|])", "a key holds one window")]
    public void Windows_the_model_cannot_hold_are_CQ0003_on_the_span(string key, string message)
    {
        var marked = new MarkedSource(EventTimeQueries.Query("Update", "IStream<int>", "trades.GroupBy(t => " + key + ").Select(g => g.Count())"));
        var parsed = ModelReader.Read(marked.Text, EventTimeQueries.Rows);
        Assert.Null(parsed.Query);
        var diagnostic = Assert.Single(parsed.Diagnostics);
        Assert.Equal(DiagnosticIds.UnsupportedOperator, diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location!.Span);
        Assert.Contains(message, diagnostic.Arguments[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Windowed_aggregation_is_a_state_operator_that_needs_no_data_batches()
    {
        var append = Planner.Plan(Read("TumblingAppend").Query!, CancellationToken.None);
        var state = Assert.Single(append.StateOperators);
        Assert.Equal("aggregate0", state.OperatorId);
        Assert.Equal((StateEmission.Final, true, true), (state.Emission, state.EvictsBehindWatermark, state.NeedsNoDataBatch));
        Assert.EndsWith("|window=tumbling(DateTime,size=900000,slide=900000,offset=0,gap=0,at=-1),layout=chunks", state.Schema, StringComparison.Ordinal);
        Assert.Equal(state.SchemaFingerprint, Assert.Single(state.Stores).SchemaFingerprint);

        var update = Assert.Single(Planner.Plan(Read("SlidingByBroker").Query!, CancellationToken.None).StateOperators);
        Assert.Equal((StateEmission.Changed, true), (update.Emission, update.NeedsNoDataBatch));

        // Complete keeps every window, so the watermark never evicts and a batch without rows changes nothing.
        var complete = Read("TumblingAppend").Query! with { OutputMode = OutputModes.Complete };
        var kept = Assert.Single(Planner.Plan(complete, CancellationToken.None).StateOperators);
        Assert.Equal((StateEmission.All, false, false), (kept.Emission, kept.EvictsBehindWatermark, kept.NeedsNoDataBatch));
    }

    [Fact]
    public void All_time_aggregation_keeps_its_schema_and_needs_no_no_data_batch()
    {
        var parsed = ModelReader.Read(EventTimeQueries.Query("Update", "IStream<int>", "trades.GroupBy(t => t.BrokerCode).Select(g => g.Count())"), EventTimeQueries.Rows);
        var state = Assert.Single(Planner.Plan(parsed.Query!, CancellationToken.None).StateOperators);
        Assert.Equal("aggregate|key=string|values=count", state.Schema);
        Assert.False(state.NeedsNoDataBatch);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_compiles_every_event_time_query_without_a_diagnostic(string name)
    {
        var run = GeneratorHarness.Run(EventTimeQueries.All[name], EventTimeQueries.Rows).AssertCompiles();
        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("Obsolete", run.Source, StringComparison.Ordinal);
        // Sessions pre-aggregate the batch; tumbling and sliding rows fold straight into their window's (pane's) table.
        Assert.Contains(name.Contains("Session", StringComparison.Ordinal) ? "_window0.Apply(_table0, " : "_window0.Apply(batch.", run.Source, StringComparison.Ordinal);
    }

    private static ParsedQuery Read(string name)
    {
        var parsed = ModelReader.Read(EventTimeQueries.All[name], EventTimeQueries.Rows);
        Assert.True(parsed.Diagnostics.Count == 0, string.Join("\n", parsed.Diagnostics.Select(d => d.Id + " " + string.Join(" | ", d.Arguments))));
        Assert.NotNull(parsed.Query);
        return parsed;
    }
}
