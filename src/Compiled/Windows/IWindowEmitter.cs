namespace Compiled.Windows;

/// <summary>
/// Receives the windows a windowed aggregation emits: generated as a struct holding the plan and the output buffer, and
/// passed by reference as a type argument, so each call is inlined.
/// </summary>
/// <remarks>Complete mode copies the emitter into a state visitor: keep mutable counters in objects it references.</remarks>
/// <typeparam name="TKey">The other key parts.</typeparam>
/// <typeparam name="TAcc">The accumulator.</typeparam>
public interface IWindowEmitter<TKey, TAcc>
{
    /// <summary>One result: the window with its other key parts and the accumulator of all its rows.</summary>
    void Emit(in WindowKey<TKey> window, in TAcc accumulator);
}
