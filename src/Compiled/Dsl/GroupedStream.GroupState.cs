namespace Compiled;

/// <summary>Keyed state over bounded inputs: as a batch query, one call per key with all its rows and no earlier state.</summary>
internal sealed partial class GroupedStream<TKey, T>
{
    public IStream<TResult> MapGroupsWithState<TState, TResult>(GroupStateTimeout timeout, Func<TKey, IEnumerable<T>, GroupState<TState>, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new UnaryStream<T, TResult>(input, "MapGroupsWithState",
            rows => rows.GroupBy(keySelector).Select(g => function(g.Key, g, NewState<TState>(timeout))).ToList());
    }

    public IStream<TResult> FlatMapGroupsWithState<TState, TResult>(OutputMode operatorMode, GroupStateTimeout timeout,
        Func<TKey, IEnumerable<T>, GroupState<TState>, IEnumerable<TResult>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new UnaryStream<T, TResult>(input, "FlatMapGroupsWithState",
            rows => rows.GroupBy(keySelector).SelectMany(g => function(g.Key, g, NewState<TState>(timeout))).ToList());
    }

    private static GroupState<TState> NewState<TState>(GroupStateTimeout timeout)
    {
        var state = new GroupState<TState>(timeout);
        state.Reset(exists: false, default!, hasTimedOut: false, long.MinValue, 0);
        return state;
    }
}
