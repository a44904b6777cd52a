namespace Compiled;

/// <summary>A key and its state: the rows <c>UpdateStateByKey</c> writes (DStream's <c>(K, S)</c> pairs).</summary>
/// <typeparam name="TKey">The grouping key.</typeparam>
/// <typeparam name="TState">The user's state.</typeparam>
/// <param name="Key">The key.</param>
/// <param name="State">The key's state after the batch.</param>
public sealed record KeyState<TKey, TState>(TKey Key, TState State);
