using Compiled.Generators.Tests.Queries;

namespace Compiled.Generators.Tests;

/// <summary>The reference interpreter behind every differential test.</summary>
public sealed class LogicalPlanTests
{
    [Fact]
    public void Evaluates_a_chain_with_LINQ_semantics()
    {
        var lines = LogicalPlan.Source(["a b", "b,c", ""], "lines");
        var result = LogicalPlan.Evaluate(WordCounts.Reference(lines));
        Assert.Equal([new WordCount("a", 1), new WordCount("b", 2), new WordCount("c", 1)], result);
    }

    [Fact]
    public void Describes_the_plan()
    {
        var stream = LogicalPlan.Source([1, 2, 3], "numbers").Where(x => x > 1).Select(x => x * 2)
            .GroupBy(x => x % 2).Select(g => g.Count());
        Assert.Equal("Source(numbers) -> Filter -> Map -> Aggregate", stream.ToString());
    }

    [Fact]
    public void Aggregates_follow_the_documented_semantics()
    {
        var rows = LogicalPlan.Source(new[] { ("k", int.MaxValue, "b", 2.5), ("k", 1, "B", double.NaN), ("k", 2, "a", 1.0) });
        var result = LogicalPlan.Evaluate(rows.GroupBy(r => r.Item1).Select(g => (
            Sum: g.Sum(r => r.Item2),
            Average: g.Average(r => r.Item2),
            Min: g.Min(r => r.Item3),
            Max: g.Max(r => r.Item3),
            MinDouble: g.Min(r => r.Item4),
            MaxDouble: g.Max(r => r.Item4),
            Large: g.LongCount(r => r.Item2 > 1),
            Distinct: g.CountDistinct(r => r.Item3.ToUpperInvariant()))));
        var row = Assert.Single(result);
        Assert.Equal((long)int.MaxValue + 3, row.Sum);
        Assert.Equal(((double)int.MaxValue + 3) / 3, row.Average);
        Assert.Equal("B", row.Min);
        Assert.Equal("b", row.Max);
        Assert.True(double.IsNaN(row.MinDouble));
        Assert.Equal(2.5, row.MaxDouble);
        Assert.Equal(2, row.Large);
        Assert.Equal(2, row.Distinct);
    }

    [Fact]
    public void Batch_only_operators_are_evaluated_and_grouping_sets_refused()
    {
        var numbers = LogicalPlan.Source([3, 1, 2, 3]);
        Assert.Equal([1, 2, 3], LogicalPlan.Evaluate(numbers.Distinct().OrderBy(x => x)));
        Assert.Equal([3, 3], LogicalPlan.Evaluate(numbers.OrderByDescending(x => x).Take(2)));
        Assert.Equal([2, 3], LogicalPlan.Evaluate(numbers.Skip(2)));
        var error = Assert.Throws<NotSupportedException>(() => numbers.GroupByRollup(x => x));
        Assert.Contains("CQ1303", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => numbers.GroupByCube(x => x));
    }

    [Fact]
    public void Evaluate_rejects_streams_it_did_not_build()
    {
        var error = Assert.Throws<ArgumentException>(() => LogicalPlan.Evaluate(new ForeignStream()));
        Assert.Contains(nameof(LogicalPlan.Source), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_rejects_null_rows() => Assert.Throws<ArgumentNullException>(() => LogicalPlan.Source<int>(null!));

    private sealed class ForeignStream : IStream<int>
    {
        public IStream<int> WithWatermark(Func<int, DateTime> eventTime, TimeSpan delay, LateRows lateRows) => this;
        public IStream<int> WithWatermark(Func<int, DateTimeOffset> eventTime, TimeSpan delay, LateRows lateRows) => this;
        public IStream<int> WithWatermark(Func<int, long> eventTimeUnixMs, TimeSpan delay, LateRows lateRows) => this;
        public IStream<int> Where(Func<int, bool> predicate) => this;
        public IStream<TResult> Select<TResult>(Func<int, TResult> selector) => throw new NotSupportedException();
        public IStream<TResult> SelectMany<TResult>(Func<int, IEnumerable<TResult>> selector) => throw new NotSupportedException();
        public IGroupedStream<TKey, int> GroupBy<TKey>(Func<int, TKey> keySelector) => throw new NotSupportedException();
        public IGroupedStream<TKey, int> GroupByRollup<TKey>(Func<int, TKey> keySelector) => throw new NotSupportedException();
        public IGroupedStream<TKey, int> GroupByCube<TKey>(Func<int, TKey> keySelector) => throw new NotSupportedException();
        public IStream<int> Distinct() => this;
        public IStream<int> DropDuplicates<TKey>(Func<int, TKey> key) => this;
        public IStream<int> DropDuplicatesWithinWatermark<TKey>(Func<int, TKey> key) => this;
        public IStream<int> OrderBy<TKey>(Func<int, TKey> keySelector) => this;
        public IStream<int> OrderByDescending<TKey>(Func<int, TKey> keySelector) => this;
        public IStream<int> Take(int count) => this;
        public IStream<int> Skip(int count) => this;
        public IStream<TResult> Join<TRight, TKey, TResult>(StaticTable<TRight> table, Func<int, TKey> key, Func<TRight, TKey> tableKey, Func<int, TRight, TResult> result, JoinType type) => throw new NotSupportedException();
        public IStream<TResult> Join<TRight, TKey, TResult>(IStream<TRight> right, Func<int, TKey> leftKey, Func<TRight, TKey> rightKey, Func<int, TRight, TResult> result, JoinType type, Func<int, TRight, bool>? condition) => throw new NotSupportedException();
        public IStream<int> SemiJoin<TRight, TKey>(StaticTable<TRight> table, Func<int, TKey> key, Func<TRight, TKey> tableKey) => this;
        public IStream<int> SemiJoin<TRight, TKey>(IStream<TRight> right, Func<int, TKey> leftKey, Func<TRight, TKey> rightKey, Func<int, TRight, bool>? condition) => this;
        public IStream<int> AntiJoin<TRight, TKey>(StaticTable<TRight> table, Func<int, TKey> key, Func<TRight, TKey> tableKey) => this;
        public IStream<int> AntiJoin<TRight, TKey>(IStream<TRight> right, Func<int, TKey> leftKey, Func<TRight, TKey> rightKey) => this;
        public IStream<int> Union(IStream<int> other) => this;
        public IStream<int> Union(StaticTable<int> table) => this;
        public IStream<int> Intersect(IStream<int> other) => this;
        public IStream<int> Intersect(StaticTable<int> table) => this;
        public IStream<int> Except(IStream<int> other) => this;
    }
}
