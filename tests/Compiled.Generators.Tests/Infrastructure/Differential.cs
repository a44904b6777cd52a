using Compiled.Plans;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>
/// Runs a compiled plan batch by batch and checks every batch against the reference interpretation (LINQ to Objects)
/// of the same <c>Define</c> over the rows seen so far.
/// </summary>
internal static class Differential
{
    /// <summary>Append mode (or a stateless Update query): each batch's output is exactly the reference over that batch.</summary>
    public static void Append<TIn, TOut>(Func<IQueryPlan<TOut>> plan, Func<IStream<TIn>, IStream<TOut>> reference,
        IReadOnlyList<TIn> rows, int seed, int maxBatch = 300, int inputCount = 1, int inputIndex = 0)
        where TOut : notnull
    {
        var runner = new PlanRunner<TIn, TOut>(plan, inputCount, inputIndex);
        var all = new List<TOut>();
        foreach (var batch in TestData.Batches(rows, seed, maxBatch))
        {
            var output = runner.Run(batch);
            Assert.Equal(Evaluate(reference, batch), output);
            all.AddRange(output);
        }
        Assert.Equal(Evaluate(reference, rows), all);
        Assert.Empty(runner.Stores.OperatorIds);
    }

    /// <summary>Complete mode: after every batch the output is the whole result over all rows so far.</summary>
    public static void Complete<TIn, TOut>(Func<IQueryPlan<TOut>> plan, Func<IStream<TIn>, IStream<TOut>> reference,
        IReadOnlyList<TIn> rows, int seed, int maxBatch = 300, bool restartMidway = false)
        where TOut : notnull
    {
        // Once with the state in a store (restarted midway when asked), once kept in the plan's own tables as in memory.
        foreach (bool keepTables in new[] { false, true })
        {
            var runner = new PlanRunner<TIn, TOut>(plan, keepTables: keepTables);
            var seen = new List<TIn>();
            var batches = TestData.Batches(rows, seed, maxBatch);
            for (int i = 0; i < batches.Count; i++)
            {
                if (restartMidway && !keepTables && i == batches.Count / 2) runner.Restart();
                seen.AddRange(batches[i]);
                AssertSameRows(Evaluate(reference, seen), runner.Run(batches[i]), (keepTables ? "kept tables, " : "store, ") + "batch " + i);
            }
        }
    }

    /// <summary>
    /// Update mode: each batch emits exactly one row per group its rows touched, every row that changed is among them,
    /// and folding the updates by key gives the complete result.
    /// </summary>
    public static void Update<TIn, TOut, TKey>(Func<IQueryPlan<TOut>> plan, Func<IStream<TIn>, IStream<TOut>> reference,
        Func<TOut, TKey> keyOf, IReadOnlyList<TIn> rows, int seed, int maxBatch = 300, bool restartMidway = false)
        where TOut : notnull
        where TKey : notnull
    {
        UpdateOnce(plan, reference, keyOf, rows, seed, maxBatch, restartMidway, keepTables: false);
        UpdateOnce(plan, reference, keyOf, rows, seed, maxBatch, restartMidway: false, keepTables: true);
    }

    private static void UpdateOnce<TIn, TOut, TKey>(Func<IQueryPlan<TOut>> plan, Func<IStream<TIn>, IStream<TOut>> reference,
        Func<TOut, TKey> keyOf, IReadOnlyList<TIn> rows, int seed, int maxBatch, bool restartMidway, bool keepTables)
        where TOut : notnull
        where TKey : notnull
    {
        var runner = new PlanRunner<TIn, TOut>(plan, keepTables: keepTables);
        var seen = new List<TIn>();
        var folded = new Dictionary<TKey, TOut>();
        IReadOnlyList<TOut> before = [];
        var batches = TestData.Batches(rows, seed, maxBatch);
        for (int i = 0; i < batches.Count; i++)
        {
            if (restartMidway && i == batches.Count / 2) runner.Restart();
            seen.AddRange(batches[i]);
            var output = runner.Run(batches[i]);
            var after = Evaluate(reference, seen);

            // One row per group touched by this batch: the reference over the batch alone has one row per such group.
            Assert.Equal(Evaluate(reference, batches[i]).Count, output.Count);
            Assert.Equal(output.Count, output.Select(keyOf).Distinct().Count());
            var current = Counts(after);
            Assert.All(output, row => Assert.True(current.ContainsKey(row), $"batch {i}: {row} is not in the result"));
            var emitted = output.ToHashSet();
            foreach (var changed in Difference(after, before))
                Assert.True(emitted.Contains(changed), $"batch {i}: changed row {changed} was not emitted");

            foreach (var row in output) folded[keyOf(row)] = row;
            before = after;
        }
        AssertSameRows(Evaluate(reference, rows), folded.Values.ToList(), "folded updates");
    }

    public static List<TOut> Evaluate<TIn, TOut>(Func<IStream<TIn>, IStream<TOut>> reference, IEnumerable<TIn> rows) =>
        LogicalPlan.Evaluate(reference(LogicalPlan.Source(rows.ToList()))).ToList();

    /// <summary>Same rows with the same multiplicities, in any order.</summary>
    public static void AssertSameRows<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, string context)
        where T : notnull
    {
        var missing = Difference(expected, actual);
        var extra = Difference(actual, expected);
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{context}: missing [{string.Join("; ", missing.Take(5))}], unexpected [{string.Join("; ", extra.Take(5))}]");
    }

    private static Dictionary<T, int> Counts<T>(IEnumerable<T> rows)
        where T : notnull
    {
        var counts = new Dictionary<T, int>();
        foreach (var row in rows) counts[row] = counts.GetValueOrDefault(row) + 1;
        return counts;
    }

    private static List<T> Difference<T>(IEnumerable<T> left, IEnumerable<T> right)
        where T : notnull
    {
        var remaining = Counts(right);
        var result = new List<T>();
        foreach (var row in left)
        {
            if (remaining.TryGetValue(row, out int n) && n > 0) remaining[row] = n - 1;
            else result.Add(row);
        }
        return result;
    }
}
