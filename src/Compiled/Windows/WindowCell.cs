namespace Compiled.Windows;

/// <summary>One key's entry in a <see cref="WindowTable{TKey, TAcc, TKeyOps}"/>: its accumulator and the batch that last changed it.</summary>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
public struct WindowCell<TAcc>
    where TAcc : struct
{
    /// <summary>The accumulator of every row of the key in the window (or pane) so far.</summary>
    public TAcc Accumulator;

    /// <summary>The batch stamp of the last change; entries stamped with the current batch go to state and, in Update mode, out.</summary>
    internal int Stamp;
}
