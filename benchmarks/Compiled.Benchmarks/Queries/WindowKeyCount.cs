namespace Compiled.Benchmarks.Queries;

/// <summary>Output row of the windowed workloads: a window's start, a key, its count and (W2b) the sum of its values.</summary>
internal readonly record struct WindowKeyCount(long StartMs, int Key, long Count, long Sum);
