namespace Compiled.Benchmarks.Queries;

/// <summary>Output row of W2a: a key and its count over all time.</summary>
internal readonly record struct KeyCount(int Key, long Count);
