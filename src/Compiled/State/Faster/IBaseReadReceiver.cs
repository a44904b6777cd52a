namespace Compiled.State.Faster;

/// <summary>
/// Receives the results of <see cref="IBaseStore{TKey, TValue}.ReadMany{TReceiver}"/>, one call per key read, in no
/// particular order (reads served from memory first, then those completed from disk); a struct, so calls are inlined.
/// </summary>
internal interface IBaseReadReceiver<TKey, TValue>
{
    /// <summary>The base holds <paramref name="key"/> with <paramref name="value"/>.</summary>
    void Found(in TKey key, in TValue value);

    /// <summary>The base does not hold <paramref name="key"/>.</summary>
    void Absent(in TKey key);
}
