using System.Runtime.InteropServices;
using System.Text.Json;
using Compiled.Benchmarks.Workloads;
using Compiled.Samples;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// The trade windows by hand: reads <c>CreatedTime</c>, <c>Type</c> and <c>Amount</c> of each record with a
/// <see cref="Utf8JsonReader"/> and adds the amount to its 15-minute window's buy or sell total in a Dictionary.
/// </summary>
internal sealed class W5TradeWindowAggregate : IW5Aggregate
{
    private static readonly long WindowTicks = TimeSpan.FromMinutes(15).Ticks;

    private readonly Dictionary<long, (long Buy, long Sell)> _windows = [];

    /// <inheritdoc/>
    public int Count => _windows.Count;

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        long ticks = -1, amount = 0;
        bool buy = false, sell = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.ValueTextEquals("CreatedTime"u8))
            {
                reader.Read();
                if (!SecondsTimeConverter.TryParse(reader.ValueSpan, out DateTime time))
                    throw new FormatException("W5: a trade's CreatedTime is not yyyy-MM-dd HH:mm:ss.");
                ticks = time.Ticks;
            }
            else if (reader.ValueTextEquals("Type"u8))
            {
                reader.Read();
                buy = reader.ValueTextEquals("BUY"u8);
                sell = reader.ValueTextEquals("SELL"u8);
            }
            else if (reader.ValueTextEquals("Amount"u8))
            {
                reader.Read();
                amount = reader.GetInt64();
            }
        }
        ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_windows, ticks - ticks % WindowTicks, out _);
        if (buy) totals.Buy += amount;
        if (sell) totals.Sell += amount;
    }

    /// <inheritdoc/>
    public Checksum Checksum()
    {
        var digest = new WindowDigest();
        foreach (var (start, totals) in _windows) digest.Add(StartMs(new DateTime(start, DateTimeKind.Utc)), 0, totals.Buy, totals.Sell);
        return digest.ToChecksum();
    }

    /// <summary>A window start in milliseconds since the Unix epoch, as both sides digest it.</summary>
    public static long StartMs(DateTime start) => (start - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
}
