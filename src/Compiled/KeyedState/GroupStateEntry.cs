namespace Compiled.KeyedState;

/// <summary>What the state store keeps per key of a keyed-state operator: the user's state and the key's timeout.</summary>
/// <remarks>An entry may hold a timeout without a state (the function removed the state and set a timeout), as in Spark.</remarks>
/// <typeparam name="TState">The user's state type.</typeparam>
public struct GroupStateEntry<TState>
{
    /// <summary>True when <see cref="Value"/> holds a state.</summary>
    public bool Exists;

    /// <summary>The state, when <see cref="Exists"/>.</summary>
    public TState Value;

    /// <summary>When the key times out (Unix ms, processing or event time), or <see cref="GroupState{TState}.NoTimestamp"/>.</summary>
    public long TimeoutMs;
}
