namespace Compiled.Benchmarks.Workloads;

/// <summary>
/// An order-independent digest of a variant's full result, so the ratio runner can prove every variant of a
/// workload computed the same thing as the hand-written loop before it reports any speed.
/// </summary>
/// <param name="Groups">Result rows: distinct keys or words (1 for W1's single count and sum).</param>
/// <param name="Rows">Input rows accounted for: the survivors of W1, the sum of all counts of W2a and W3.</param>
/// <param name="Digest">Sum of a stable hash of each key times its count (W1: the sum of the survivors).</param>
internal readonly record struct Checksum(long Groups, long Rows, long Digest)
{
    /// <summary>The term one (key, count) result row adds to <see cref="Digest"/>.</summary>
    public static long KeyTerm(int key, long count) => unchecked((long)((ulong)key * 0x9E3779B97F4A7C15UL) * count);

    /// <summary>The term one joined (impression, click) row adds to <see cref="Digest"/> (J1).</summary>
    public static long PairTerm(long impressionId, DateTime clickTime) =>
        unchecked((long)((ulong)impressionId * 0x9E3779B97F4A7C15UL) ^ clickTime.Ticks);

    /// <summary>The term one (word, count) result row adds to <see cref="Digest"/>; the word must be lower case.</summary>
    public static long WordTerm(ReadOnlySpan<char> word, long count)
    {
        const ulong FnvOffset = 14695981039346656037UL;
        const ulong FnvPrime = 1099511628211UL;
        ulong hash = FnvOffset;
        foreach (char c in word) hash = unchecked((hash ^ c) * FnvPrime);
        return unchecked((long)hash * count);
    }

    /// <summary>The digest of (key, count) rows.</summary>
    public static Checksum OfKeyCounts(IEnumerable<KeyValuePair<int, long>> rows)
    {
        long groups = 0, total = 0, digest = 0;
        foreach (var (key, count) in rows)
        {
            groups++;
            total += count;
            digest += KeyTerm(key, count);
        }
        return new Checksum(groups, total, digest);
    }

    /// <summary>The digest of (word, count) rows; words must be lower case.</summary>
    public static Checksum OfWordCounts(IEnumerable<KeyValuePair<string, long>> rows)
    {
        long groups = 0, total = 0, digest = 0;
        foreach (var (word, count) in rows)
        {
            groups++;
            total += count;
            digest += WordTerm(word, count);
        }
        return new Checksum(groups, total, digest);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Groups} groups, {Rows} rows, digest {Digest:X16}";
}
