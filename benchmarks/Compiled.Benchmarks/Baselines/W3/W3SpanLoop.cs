using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W3;

/// <summary>
/// W3's reference: words found with a vectorised separator search and counted straight from the line's
/// characters in a <see cref="LowercaseWordTable"/>; no string is created per word.
/// </summary>
internal sealed class W3SpanLoop(string[] lines) : Variant("Hand-written loop (span-based)")
{
    private LowercaseWordTable _table = new();

    /// <inheritdoc/>
    public override long Run()
    {
        var table = new LowercaseWordTable();
        foreach (string line in lines) table.AddWords(line);
        _table = table;
        return table.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _table.Checksum();
}
