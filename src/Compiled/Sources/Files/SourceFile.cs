namespace Compiled.Sources.Files;

/// <summary>One input file as the source saw it when planning a batch.</summary>
/// <param name="Name">File name relative to the source directory.</param>
/// <param name="Size">Length in bytes at planning time.</param>
/// <param name="ModifiedMs">Last write time, Unix milliseconds (UTC).</param>
internal readonly record struct SourceFile(string Name, long Size, long ModifiedMs)
{
    /// <summary>Orders oldest first, ties by name (ordinal), so planning is deterministic.</summary>
    public static readonly Comparison<SourceFile> OldestFirst = static (a, b) =>
    {
        int byTime = a.ModifiedMs.CompareTo(b.ModifiedMs);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Name, b.Name);
    };

    /// <summary>Orders newest first, ties by name (ordinal, ascending).</summary>
    public static readonly Comparison<SourceFile> NewestFirst = static (a, b) =>
    {
        int byTime = b.ModifiedMs.CompareTo(a.ModifiedMs);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Name, b.Name);
    };
}
