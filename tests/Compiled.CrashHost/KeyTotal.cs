namespace Compiled.CrashHost;

/// <summary>Output row of the stateful query (<see cref="TotalsPlan"/>): the running count and sum of one key.</summary>
public sealed record KeyTotal(string Key, long Count, long Sum);
