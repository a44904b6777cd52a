namespace Compiled.Windows;

/// <summary>
/// The accumulator of one group: the generated state struct implements it, so window state can fold panes, sessions and
/// earlier batches together without a delegate.
/// </summary>
/// <typeparam name="TSelf">The accumulator struct itself.</typeparam>
public interface IWindowAccumulator<TSelf>
    where TSelf : struct, IWindowAccumulator<TSelf>
{
    /// <summary>
    /// Folds <paramref name="earlier"/> into <paramref name="into"/>. The runtime always passes the rows that came earlier
    /// (an earlier batch, pane or session) as <paramref name="earlier"/>, so "first of equal values" rules hold.
    /// </summary>
    static abstract void Merge(ref TSelf into, in TSelf earlier);
}
