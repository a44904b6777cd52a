namespace Compiled.CrashHost;

/// <summary>One input row: a JSON line of an input file.</summary>
/// <param name="Id">Unique over the whole input, so duplicates in the output are visible.</param>
/// <param name="Key">Grouping key of the stateful query.</param>
/// <param name="Value">Filtered on by the stateless query, summed by the stateful one.</param>
public sealed record Event(long Id, string Key, int Value);
