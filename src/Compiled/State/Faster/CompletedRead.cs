using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// A read that went to disk during <see cref="IBaseStore{TKey, TValue}.ReadMany{TReceiver}"/>, as FASTER's completion
/// callback left it: what identifies the key (the key itself for unmanaged keys, its place in the batch for serialized
/// ones), the read's status and its output.
/// </summary>
internal readonly record struct CompletedRead<TId, TOutput>(TId Id, Status Status, TOutput Output);
