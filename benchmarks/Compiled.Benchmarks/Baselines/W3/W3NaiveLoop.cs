using System.Runtime.InteropServices;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W3;

/// <summary>W3 as a plain loop: <c>Split</c>, <c>ToLowerInvariant</c> and a string-keyed Dictionary; strings per word.</summary>
internal sealed class W3NaiveLoop(string[] lines) : Variant("Hand-written loop (naive Split/ToLower)")
{
    private Dictionary<string, long> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new Dictionary<string, long>();
        foreach (string line in lines)
        {
            foreach (string token in line.Split(WordText.Separators))
            {
                string word = token.ToLowerInvariant();
                if (!WordText.HasLetterOrDigit(word)) continue;
                CollectionsMarshal.GetValueRefOrAddDefault(counts, word, out _)++;
            }
        }
        _counts = counts;
        return counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfWordCounts(_counts);
}
