namespace Compiled;

/// <summary>
/// One group for the reference evaluator. Semantics the compiled plans reproduce: integer sums widen to long and wrap
/// on overflow, averages of integers divide in double, Min and Max use <see cref="ReferenceOrder{T}"/> and keep the
/// first of equal values.
/// </summary>
internal sealed class ReferenceGroup<TKey, T>(TKey key, IReadOnlyList<T> rows) : IGroup<TKey, T>
{
    public TKey Key { get; } = key;

    public int Count() => rows.Count;

    public int Count(Func<T, bool> predicate) => rows.Count(predicate);

    public long LongCount() => rows.Count;

    public long LongCount(Func<T, bool> predicate) => rows.LongCount(predicate);

    public long CountDistinct<TValue>(Func<T, TValue> selector) => rows.Select(selector).Distinct().LongCount();

    public long Sum(Func<T, int> selector) => Sum(row => (long)selector(row));

    public long Sum(Func<T, long> selector)
    {
        long sum = 0;
        foreach (var row in rows) sum = unchecked(sum + selector(row));
        return sum;
    }

    public double Sum(Func<T, double> selector)
    {
        double sum = 0;
        foreach (var row in rows) sum += selector(row);
        return sum;
    }

    public decimal Sum(Func<T, decimal> selector)
    {
        decimal sum = 0;
        foreach (var row in rows) sum += selector(row);
        return sum;
    }

    public TValue Min<TValue>(Func<T, TValue> selector) => Best(selector, preferSmaller: true);

    public TValue Max<TValue>(Func<T, TValue> selector) => Best(selector, preferSmaller: false);

    public double Average(Func<T, int> selector) => (double)Sum(selector) / rows.Count;

    public double Average(Func<T, long> selector) => (double)Sum(selector) / rows.Count;

    public double Average(Func<T, double> selector) => Sum(selector) / rows.Count;

    public decimal Average(Func<T, decimal> selector) => Sum(selector) / rows.Count;

    private TValue Best<TValue>(Func<T, TValue> selector, bool preferSmaller)
    {
        var order = ReferenceOrder<TValue>.Instance;
        TValue best = selector(rows[0]);
        for (int i = 1; i < rows.Count; i++)
        {
            TValue value = selector(rows[i]);
            int compared = order.Compare(value, best);
            if (preferSmaller ? compared < 0 : compared > 0) best = value;
        }
        return best;
    }
}
