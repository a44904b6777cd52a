using Compiled.Benchmarks.Workloads;
using Compiled.Sinks;
using Compiled.Sources;

using TradeWindows;

namespace Compiled.Benchmarks.W5;

/// <summary><see cref="TradeWindowsQuery"/> end to end; the table keeps each window's latest totals.</summary>
internal sealed class W5TradeWindowsVariant(W5Input input, W5Source from)
    : W5QueryVariant<Trade, TradeTotals>(input, from, W5Json.Default.Trade)
{
    private readonly Dictionary<DateTime, TradeTotals> _table = [];

    /// <inheritdoc/>
    protected override int Count => _table.Count;

    /// <inheritdoc/>
    protected override StreamingQuery Start(ISource<Trade> source, ISink<TradeTotals> sink, QueryOptions options) =>
        TradeWindowsQuery.Start(source, sink, options);

    /// <inheritdoc/>
    protected override void Clear() => _table.Clear();

    /// <inheritdoc/>
    protected override void Keep(TradeTotals row) => _table[row.Start] = row;

    /// <inheritdoc/>
    public override Checksum Checksum()
    {
        var digest = new WindowDigest();
        foreach (TradeTotals row in _table.Values) digest.Add(W5TradeWindowAggregate.StartMs(row.Start), 0, row.TotalBuy, row.TotalSell);
        return digest.ToChecksum();
    }
}
