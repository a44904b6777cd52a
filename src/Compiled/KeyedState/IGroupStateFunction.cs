namespace Compiled.KeyedState;

/// <summary>
/// The user's keyed-state function as generated code calls it: a struct, so <see cref="GroupStateOperator{TKey, TRow, TState}"/>
/// calls it without a delegate; it also writes the rows the function returns to the plan's next stages.
/// </summary>
public interface IGroupStateFunction<TKey, TRow, TState>
{
    /// <summary>Calls the function for <paramref name="key"/> with its batch rows (none on a timeout) and its state handle.</summary>
    void Call(TKey key, List<TRow> rows, GroupState<TState> state);
}
