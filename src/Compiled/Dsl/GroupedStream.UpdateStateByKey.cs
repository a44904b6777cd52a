namespace Compiled;

/// <summary><c>UpdateStateByKey</c> over bounded inputs: as a batch query, one call per key with all its rows and no running state.</summary>
internal sealed partial class GroupedStream<TKey, T>
{
    public IStream<KeyState<TKey, TState>> UpdateStateByKey<TState>(Func<IReadOnlyList<T>, TState?, TState?> update)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(update);
        return EveryKey<TState>((key, rows) => update(rows, null) is { } state ? new KeyState<TKey, TState>(key, state) : null);
    }

    public IStream<KeyState<TKey, TState>> UpdateStateByKey<TState>(Func<IReadOnlyList<T>, TState?, TState?> update)
        where TState : struct
    {
        ArgumentNullException.ThrowIfNull(update);
        return EveryKey<TState>((key, rows) => update(rows, null) is { } state ? new KeyState<TKey, TState>(key, state) : null);
    }

    /// <summary>Calls <paramref name="call"/> once per key with all its rows; keeps the states it returns.</summary>
    private UnaryStream<T, KeyState<TKey, TState>> EveryKey<TState>(Func<TKey, List<T>, KeyState<TKey, TState>?> call) =>
        new(input, "UpdateStateByKey", rows =>
        {
            var states = new List<KeyState<TKey, TState>>();
            foreach (var group in rows.GroupBy(keySelector))
            {
                if (call(group.Key, group.ToList()) is { } state) states.Add(state);
            }
            return states;
        });
}
