namespace Compiled;

/// <summary>
/// DStream's <c>updateStateByKey(updateFunc: (Seq[V], Option[S]) =&gt; Option[S])</c>: a state per key, recomputed for
/// every key in every batch. <c>TState?</c> stands for Spark's <c>Option[S]</c>: null is <c>None</c>.
/// </summary>
public partial interface IGroupedStream<TKey, T>
{
    /// <summary>
    /// Calls <paramref name="update"/> in every batch for every key that has rows in the batch or a state, with the key's
    /// rows in the batch (empty for a key without new rows) and its running state (null for a new key); the state becomes
    /// what it returns, and null removes the key. Writes <c>(key, state)</c> for each key whose state the batch created or
    /// changed (OutputMode.Update), or for every key in state (OutputMode.Complete); OutputMode.Append is refused (CQ1304).
    /// </summary>
    /// <remarks>A state is "changed" when the returned value is not <see cref="object.Equals(object)"/> to the running one: keep states immutable (records, structs).</remarks>
    /// <param name="update">The key's new rows (in no guaranteed order) and running state; returns the new state, or null to remove the key.</param>
    IStream<KeyState<TKey, TState>> UpdateStateByKey<TState>(Func<IReadOnlyList<T>, TState?, TState?> update)
        where TState : class;

    /// <inheritdoc cref="UpdateStateByKey{TState}(Func{IReadOnlyList{T}, TState, TState})"/>
    IStream<KeyState<TKey, TState>> UpdateStateByKey<TState>(Func<IReadOnlyList<T>, TState?, TState?> update)
        where TState : struct;
}
