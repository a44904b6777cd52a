using Compiled.Testing.EventTime;

namespace Compiled.Tests.EventTime;

/// <summary>
/// <see cref="LogicalPlan.Evaluate{T}"/> over sliding and session windows (batch semantics: every row counts) against
/// the reference interpreter's Complete result of one batch.
/// </summary>
public sealed class WindowEvaluationTests
{
    private static readonly TimeSpan Size = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Slide = TimeSpan.FromMilliseconds(2_500);
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(3);

    private static List<Event> Events(int seed) => DifferentialRun.RandomBatches(new Random(seed), 200).SelectMany(b => b).ToList();

    private static IEnumerable<WindowTotal> Sorted(IEnumerable<WindowTotal> rows) =>
        rows.OrderBy(r => r.StartMs).ThenBy(r => r.EndMs).ThenBy(r => r.Key, StringComparer.Ordinal);

    private static WindowTotal Total(TimeWindow w, string key, IGroup<(TimeWindow, string), Event> g) =>
        new(w.StartMs, w.EndMs, key, g.Sum(e => (long)e.Value), g.Count(), g.Max(e => e.Value));

    [Theory]
    [InlineData(WindowKind.Tumbling)]
    [InlineData(WindowKind.Sliding)]
    [InlineData(WindowKind.Session)]
    [InlineData(WindowKind.SessionPerRowGap)]
    public void Windows_in_the_group_key_evaluate_as_the_reference_batch(WindowKind kind)
    {
        var events = Events(7 + (int)kind);
        var stream = LogicalPlan.Source(events, "events");
        Func<Event, (TimeWindow, string)> key = kind switch
        {
            WindowKind.Tumbling => e => (Window.Tumbling(e.TimeMs, Size), e.Key),
            WindowKind.Sliding => e => (Window.Sliding(e.TimeMs, Size, Slide), e.Key),
            WindowKind.Session => e => (Window.Session(e.TimeMs, Gap), e.Key),
            _ => e => (Window.Session(e.TimeMs, TimeSpan.FromMilliseconds(e.GapMs)), e.Key),
        };
        var actual = LogicalPlan.Evaluate(stream.GroupBy(key).Select(g => Total(g.Key.Item1, g.Key.Item2, g)));

        var expected = EventTimeReference.Run(DifferentialRun.ReferenceFor(kind, OutputMode.Complete), [events]).Single().Output;
        Assert.NotEmpty(expected);
        Assert.Equal(Sorted(expected), Sorted(actual));
    }

    [Fact]
    public void A_row_between_sliding_windows_belongs_to_none()
    {
        // Windows of 1 s every 3 s: [0, 1), [3, 4), ...; 1.5 s is in none of them.
        var stream = LogicalPlan.Source(new long[] { 500, 1_500, 3_200 });
        var counts = LogicalPlan.Evaluate(stream.GroupBy(t => Window.Sliding(t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)))
            .Select(g => (g.Key.StartMs, g.Count())));
        Assert.Equal([(0L, 1), (3_000L, 1)], counts);
    }

    [Fact]
    public void Processing_time_windows_use_the_batch_time_given_to_the_evaluation()
    {
        var stream = LogicalPlan.Source(new[] { "a", "b", "a" });
        var query = stream.GroupBy(w => (Window.Tumbling(Window.ProcessingTime, TimeSpan.FromMinutes(1)), w)).Select(g => (g.Key.Item1.Start, g.Key.w, g.Count()));
        Assert.Throws<NotSupportedException>(() => LogicalPlan.Evaluate(query));

        using (WindowEvaluation.UseProcessingTime(new DateTime(2026, 12, 4, 10, 0, 42, DateTimeKind.Utc)))
        {
            var start = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
            Assert.Equal([(start, "a", 2), (start, "b", 1)], LogicalPlan.Evaluate(query));
        }
    }
}
