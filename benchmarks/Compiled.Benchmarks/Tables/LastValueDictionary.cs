using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Tables;

/// <summary>T1's reference: the last value of each key in a Dictionary, in memory; what the tables must end up holding.</summary>
internal sealed class LastValueDictionary(KeyValueRow[] rows) : Variant("In-memory Dictionary (reference)")
{
    private Dictionary<int, long> _table = [];

    /// <inheritdoc/>
    public override long Run()
    {
        var table = new Dictionary<int, long>();
        foreach (KeyValueRow row in rows) table[row.Key] = row.Value;
        _table = table;
        return table.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfKeyCounts(_table);
}
