namespace Compiled.Benchmarks.Queries;

/// <summary>Output row of W3: a lower-cased word and its count over all time.</summary>
internal readonly record struct WordCount(string Word, long Count);
