namespace Compiled;

/// <summary>Arbitrary keyed state over a grouped stream (Spark's mapGroupsWithState / flatMapGroupsWithState, DStream updateStateByKey).</summary>
public partial interface IGroupedStream<TKey, T>
{
    /// <summary>
    /// Calls <paramref name="function"/> once per key with rows in the batch (and once per key whose timeout fired, with
    /// no rows), with the key's <see cref="GroupState{TState}"/>; writes the one row it returns. OutputMode.Update only (CQ1304).
    /// </summary>
    /// <param name="timeout">How keys time out.</param>
    /// <param name="function">The key, its rows in this batch (in no guaranteed order), its state.</param>
    IStream<TResult> MapGroupsWithState<TState, TResult>(GroupStateTimeout timeout, Func<TKey, IEnumerable<T>, GroupState<TState>, TResult> function);

    /// <summary>
    /// As <see cref="MapGroupsWithState{TState, TResult}"/>, but the function writes any number of rows. The query's
    /// output mode must be <paramref name="operatorMode"/> (Append or Update) unless the query also aggregates (CQ1304).
    /// </summary>
    /// <param name="operatorMode">How the function's rows are to be read: Append (final rows) or Update (rows that replace earlier ones).</param>
    /// <param name="timeout">How keys time out.</param>
    /// <param name="function">The key, its rows in this batch (in no guaranteed order), its state.</param>
    IStream<TResult> FlatMapGroupsWithState<TState, TResult>(OutputMode operatorMode, GroupStateTimeout timeout,
        Func<TKey, IEnumerable<T>, GroupState<TState>, IEnumerable<TResult>> function);
}
