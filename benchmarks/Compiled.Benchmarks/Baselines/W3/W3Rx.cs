using System.Reactive.Linq;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W3;

/// <summary>W3 in Rx.NET: SelectMany over <c>Split</c>, Select, Where, then GroupBy/LongCount per word.</summary>
internal sealed class W3Rx(string[] lines) : Variant("Rx.NET SelectMany/GroupBy/LongCount")
{
    private List<KeyValuePair<string, long>> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new List<KeyValuePair<string, long>>();
        using var subscription = RxSources.FromArray(lines)
            .SelectMany(line => line.Split(WordText.Separators))
            .Select(word => word.ToLowerInvariant())
            .Where(word => WordText.HasLetterOrDigit(word))
            .GroupBy(word => word)
            .SelectMany(g => g.LongCount().Select(count => new KeyValuePair<string, long>(g.Key, count)))
            .Subscribe(counts.Add);
        _counts = counts;
        return counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfWordCounts(_counts);
}
