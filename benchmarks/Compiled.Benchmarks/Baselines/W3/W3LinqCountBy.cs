using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W3;

/// <summary>W3 in System.Linq: SelectMany over <c>Split</c>, Select, Where, then <c>CountBy</c>.</summary>
internal sealed class W3LinqCountBy(string[] lines) : Variant("System.Linq CountBy")
{
    private List<KeyValuePair<string, int>> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        _counts = lines
            .SelectMany(line => line.Split(WordText.Separators))
            .Select(word => word.ToLowerInvariant())
            .Where(word => WordText.HasLetterOrDigit(word))
            .CountBy(word => word)
            .ToList();
        return _counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() =>
        Workloads.Checksum.OfWordCounts(_counts.Select(kv => new KeyValuePair<string, long>(kv.Key, kv.Value)));
}
