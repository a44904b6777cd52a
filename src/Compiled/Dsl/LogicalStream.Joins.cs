namespace Compiled;

/// <summary>Joins and set operations of a logical plan, evaluated as a batch query over every row.</summary>
internal abstract partial class LogicalStream<T>
{
    public IStream<TResult> Join<TRight, TKey, TResult>(StaticTable<TRight> table, Func<T, TKey> key, Func<TRight, TKey> tableKey,
        Func<T, TRight, TResult> result, JoinType type = JoinType.Inner)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new UnaryStream<T, TResult>(this, "Join(" + table + ")",
            rows => JoinEvaluation.Join(rows, table.Rows, key, tableKey, null, result, type));
    }

    public IStream<TResult> Join<TRight, TKey, TResult>(IStream<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey,
        Func<T, TRight, TResult> result, JoinType type = JoinType.Inner, Func<T, TRight, bool>? condition = null)
    {
        var other = JoinEvaluation.Logical(right);
        return new UnaryStream<T, TResult>(this, "Join(" + other + ")",
            rows => JoinEvaluation.Join(rows, other.Evaluate(), leftKey, rightKey, condition, result, type));
    }

    public IStream<T> SemiJoin<TRight, TKey>(StaticTable<TRight> table, Func<T, TKey> key, Func<TRight, TKey> tableKey)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new UnaryStream<T, T>(this, "SemiJoin(" + table + ")", rows => JoinEvaluation.Semi(rows, table.Rows, key, tableKey, null, keep: true));
    }

    public IStream<T> SemiJoin<TRight, TKey>(IStream<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey,
        Func<T, TRight, bool>? condition = null)
    {
        var other = JoinEvaluation.Logical(right);
        return new UnaryStream<T, T>(this, "SemiJoin(" + other + ")", rows => JoinEvaluation.Semi(rows, other.Evaluate(), leftKey, rightKey, condition, keep: true));
    }

    public IStream<T> AntiJoin<TRight, TKey>(StaticTable<TRight> table, Func<T, TKey> key, Func<TRight, TKey> tableKey)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new UnaryStream<T, T>(this, "AntiJoin(" + table + ")", rows => JoinEvaluation.Semi(rows, table.Rows, key, tableKey, null, keep: false));
    }

    public IStream<T> AntiJoin<TRight, TKey>(IStream<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey)
    {
        var other = JoinEvaluation.Logical(right);
        return new UnaryStream<T, T>(this, "AntiJoin(" + other + ")", rows => JoinEvaluation.Semi(rows, other.Evaluate(), leftKey, rightKey, null, keep: false));
    }

    // Spark's union keeps duplicates (UNION ALL); intersect and except are set operations (distinct rows).
    public IStream<T> Union(IStream<T> other)
    {
        var logical = JoinEvaluation.Logical(other);
        return new UnaryStream<T, T>(this, "Union(" + logical + ")", rows => rows.Concat(logical.Evaluate()));
    }

    public IStream<T> Union(StaticTable<T> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new UnaryStream<T, T>(this, "Union(" + table + ")", rows => rows.Concat(table.Rows));
    }

    public IStream<T> Intersect(IStream<T> other)
    {
        var logical = JoinEvaluation.Logical(other);
        return new UnaryStream<T, T>(this, "Intersect(" + logical + ")", rows => rows.Intersect(logical.Evaluate()));
    }

    public IStream<T> Intersect(StaticTable<T> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new UnaryStream<T, T>(this, "Intersect(" + table + ")", rows => rows.Intersect(table.Rows));
    }

    public IStream<T> Except(IStream<T> other)
    {
        var logical = JoinEvaluation.Logical(other);
        return new UnaryStream<T, T>(this, "Except(" + logical + ")", rows => rows.Except(logical.Evaluate()));
    }
}
