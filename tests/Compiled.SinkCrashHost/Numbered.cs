namespace Compiled.SinkCrashHost;

/// <summary>Output row of <see cref="NumberedPlan"/>: an event and its position among the events of its key so far.</summary>
/// <param name="Id">The event's id, unique over the input.</param>
/// <param name="Key">The event's key.</param>
/// <param name="Seq">1 for the first event of the key, 2 for the second, … across all batches: a restart that lost state would start again at 1.</param>
public sealed record Numbered(long Id, string Key, long Seq);
