namespace Compiled;

/// <summary>Joins with a static table on the left: what Spark allows there (inner, right outer) and what it rejects.</summary>
public sealed partial class StaticTable<T>
{
    /// <summary>
    /// Joins the table's rows with a stream's. With the table on the left only <see cref="JoinType.Inner"/> and
    /// <see cref="JoinType.RightOuter"/> (every stream row) are supported; left and full outer are not (CQ1203, CQ1202).
    /// </summary>
    public IStream<TResult> Join<TRight, TKey, TResult>(IStream<TRight> stream, Func<T, TKey> key, Func<TRight, TKey> streamKey,
        Func<T, TRight, TResult> result, JoinType type = JoinType.Inner)
    {
        var logical = JoinEvaluation.Logical(stream);
        return new UnaryStream<TRight, TResult>(logical, "JoinedBy(" + this + ")",
            rows => JoinEvaluation.Join(Rows, rows, key, streamKey, null, result, type));
    }

    /// <summary>The table rows with a match in the stream (never supported with a streaming right side: CQ1203).</summary>
    public IStream<T> SemiJoin<TRight, TKey>(IStream<TRight> stream, Func<T, TKey> key, Func<TRight, TKey> streamKey)
    {
        var logical = JoinEvaluation.Logical(stream);
        return new UnaryStream<TRight, T>(logical, "SemiJoinedBy(" + this + ")",
            rows => JoinEvaluation.Semi(Rows, rows, key, streamKey, null, keep: true));
    }
}
