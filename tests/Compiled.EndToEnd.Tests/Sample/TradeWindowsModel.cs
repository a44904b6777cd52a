using System.Globalization;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>
/// The TradeWindows query worked out by hand from Spark's rules (spark-semantics §6.2), independently of Compiled: one
/// batch per file in order; the watermark for a batch is the largest time of the earlier batches minus 30 minutes; a
/// trade at or behind it is dropped; 15-minute windows aligned to the epoch; Append emits a window once its end is at
/// or behind the watermark.
/// </summary>
internal sealed class TradeWindowsModel
{
    private static readonly TimeSpan s_delay = TimeSpan.FromMinutes(30);
    private static readonly long s_windowTicks = TimeSpan.FromMinutes(15).Ticks;
    private readonly SortedDictionary<DateTime, (long Buy, long Sell)> _windows = [];
    private DateTime? _maxTime;

    /// <summary>Trades dropped as late so far.</summary>
    public int Dropped { get; private set; }

    /// <summary>The watermark after every batch so far, or null before any trade.</summary>
    public DateTime? Watermark => _maxTime - s_delay;

    /// <summary>Runs one batch: the trades of one file.</summary>
    public void Batch(IEnumerable<(DateTime Time, string Type, long Amount)> trades)
    {
        DateTime? watermark = Watermark;
        DateTime? batchMax = null;
        foreach (var (time, type, amount) in trades)
        {
            if (batchMax is null || time > batchMax) batchMax = time;
            if (time <= watermark)
            {
                Dropped++;
                continue;
            }
            var start = new DateTime(time.Ticks - time.Ticks % s_windowTicks, DateTimeKind.Utc);
            var (buy, sell) = _windows.GetValueOrDefault(start);
            _windows[start] = type == "BUY" ? (buy + amount, sell) : (buy, sell + amount);
        }
        if (batchMax > _maxTime || _maxTime is null) _maxTime = batchMax;
    }

    /// <summary>Every window with a kept trade, as console rows <c>Start|End|TotalBuy|TotalSell</c>.</summary>
    public string[] AllWindows() => _windows.Select(w => Row(w.Key, w.Value)).ToArray();

    /// <summary>The windows Append mode has emitted by now: those ending at or behind the watermark.</summary>
    public string[] ClosedWindows() =>
        _windows.Where(w => w.Key.AddTicks(s_windowTicks) <= Watermark).Select(w => Row(w.Key, w.Value)).ToArray();

    private static string Row(DateTime start, (long Buy, long Sell) totals) =>
        string.Join('|', Time(start), Time(start.AddTicks(s_windowTicks)),
            totals.Buy.ToString(CultureInfo.InvariantCulture), totals.Sell.ToString(CultureInfo.InvariantCulture));

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
