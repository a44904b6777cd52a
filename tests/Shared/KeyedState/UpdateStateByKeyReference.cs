namespace Compiled.Testing.KeyedState;

/// <summary>
/// DStream's <c>updateStateByKey</c> (spark-semantics §8), written out plainly batch by batch to check compiled queries
/// against: in every batch the function is called for every key with rows in the batch or a state, with the key's rows
/// (empty when it has none) and its running state; a null result removes the key.
/// </summary>
/// <remarks>
/// Keys are kept in a list compared with <see cref="EqualityComparer{T}.Default"/>, so a null key is one key like any
/// other. Output of a batch: Update mode writes each key whose state is new or not equal to the running one; Complete
/// mode writes every key in state after the batch. <typeparamref name="TOption"/> is the state type with null for
/// Spark's <c>None</c> (<c>long?</c>, or a record type).
/// </remarks>
public sealed class UpdateStateByKeyReference<TRow, TKey, TOption>
{
    private readonly Func<TRow, TKey> _key;
    private readonly Func<IReadOnlyList<TRow>, TOption, TOption> _update;
    private readonly bool _complete;
    private readonly List<(TKey Key, TOption State)> _state = [];

    /// <summary>An operator over rows grouped by <paramref name="key"/>.</summary>
    /// <param name="key">The grouping key.</param>
    /// <param name="update">The user's function: new rows and running state (null: none) to the new state (null: remove).</param>
    /// <param name="complete">True for OutputMode.Complete, false for OutputMode.Update.</param>
    public UpdateStateByKeyReference(Func<TRow, TKey> key, Func<IReadOnlyList<TRow>, TOption, TOption> update, bool complete)
    {
        _key = key;
        _update = update;
        _complete = complete;
    }

    /// <summary>Keys in the state after the last batch.</summary>
    public int StateKeys => _state.Count;

    /// <summary>Calls made for a key without rows in its batch, so far.</summary>
    public int CallsWithoutRows { get; private set; }

    /// <summary>Keys removed by a null result, so far.</summary>
    public int Removed { get; private set; }

    /// <summary>Runs one batch and returns the (key, state) rows it writes.</summary>
    public List<(TKey Key, TOption State)> Batch(IReadOnlyList<TRow> rows)
    {
        var groups = new List<(TKey Key, List<TRow> Rows)>();
        foreach (var row in rows)
        {
            var key = _key(row);
            int at = groups.FindIndex(g => EqualityComparer<TKey>.Default.Equals(g.Key, key));
            if (at < 0) groups.Add((key, [row]));
            else groups[at].Rows.Add(row);
        }
        foreach (var (key, _) in _state)
        {
            if (!groups.Exists(g => EqualityComparer<TKey>.Default.Equals(g.Key, key))) groups.Add((key, []));
        }

        var output = new List<(TKey, TOption)>();
        foreach (var (key, group) in groups)
        {
            if (group.Count == 0) CallsWithoutRows++;
            int at = _state.FindIndex(e => EqualityComparer<TKey>.Default.Equals(e.Key, key));
            var running = at < 0 ? default! : _state[at].State;
            var next = _update(group, running);
            if (next is null)
            {
                if (at >= 0)
                {
                    _state.RemoveAt(at);
                    Removed++;
                }
                continue;
            }
            bool changed = at < 0 || !EqualityComparer<TOption>.Default.Equals(running, next);
            if (at < 0) _state.Add((key, next));
            else _state[at] = (key, next);
            if (changed && !_complete) output.Add((key, next));
        }
        if (_complete) output.AddRange(_state);
        return output;
    }
}
