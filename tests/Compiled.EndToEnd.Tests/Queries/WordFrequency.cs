namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>A word and how often it was seen over all input.</summary>
public sealed record WordFrequency(string Word, long Count);
