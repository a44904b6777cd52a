using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W3;

/// <summary>W3 in System.Linq with <c>GroupBy</c>, which buffers every word in its group before counting.</summary>
internal sealed class W3LinqGroupBy(string[] lines) : Variant("System.Linq GroupBy")
{
    private List<KeyValuePair<string, long>> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        _counts = lines
            .SelectMany(line => line.Split(WordText.Separators))
            .Select(word => word.ToLowerInvariant())
            .Where(word => WordText.HasLetterOrDigit(word))
            .GroupBy(word => word)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Count()))
            .ToList();
        return _counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfWordCounts(_counts);
}
