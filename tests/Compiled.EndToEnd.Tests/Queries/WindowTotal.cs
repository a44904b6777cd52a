namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Count, sum and largest value of all readings in one window [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record WindowTotal(DateTime Start, DateTime End, long Count, long Sum, int Max);
