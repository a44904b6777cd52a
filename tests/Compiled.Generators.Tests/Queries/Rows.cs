namespace Compiled.Generators.Tests.Queries;

/// <summary>The W1/W2 benchmark event.</summary>
public struct Ev
{
    public long Time;
    public int Key;
    public int Value;
}

/// <summary>A trade, as in the design sketch.</summary>
public sealed record Trade(long Time, string Type, int Amount, string Broker, double Price, decimal Fee, Side Side);

/// <summary>Which side of the book.</summary>
public enum Side
{
    Buy,
    Sell,
}

/// <summary>A word and how often it occurs.</summary>
public sealed record WordCount(string Word, long Count);

/// <summary>A count per integer key.</summary>
public sealed record KeyCount(int Key, long Count);

/// <summary>A composite record key.</summary>
public sealed record BrokerType(string Broker, string Type);

/// <summary>A count per broker and type.</summary>
public sealed record BrokerTypeCount(string Broker, string Type, int Count);

/// <summary>Many aggregates of one broker.</summary>
public sealed record BrokerStats(
    string Broker,
    long TotalBuy,
    long TotalSell,
    double MinPrice,
    double MaxPrice,
    string FirstType,
    double AverageAmount,
    double AveragePrice,
    decimal AverageFee,
    decimal TotalFee,
    long Large,
    int Trades);

/// <summary>An order with lines, for SelectMany over a list.</summary>
public sealed record Order(int Id, string Customer, List<OrderLine> Lines);

/// <summary>One order line.</summary>
public sealed record OrderLine(string Sku, int Quantity);

/// <summary>Word tests over spans, as a hand-written loop would call them.</summary>
public static class WordRules
{
    /// <summary>True when the word has a letter or a digit.</summary>
    public static bool HasLetterOrDigit(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (char.IsLetterOrDigit(c)) return true;
        }
        return false;
    }

    /// <summary>The word's length plus a bonus.</summary>
    public static int Weight(ReadOnlySpan<char> text, int bonus) => text.Length + bonus;

    /// <summary>True when the word ends with '.', ';' or '!'.</summary>
    public static bool EndsWithPunctuation(this ReadOnlySpan<char> word) => word.Length > 0 && word[^1] is '.' or ';' or '!';

    /// <summary>True when the word is longer than four characters.</summary>
    public static bool IsLong(string word) => word.Length > 4;
}

/// <summary>A timestamped sensor reading, for the event-time queries; <see cref="Gap"/> is its own session gap.</summary>
public sealed record Reading(DateTime At, DateTimeOffset Observed, string Sensor, int Value, TimeSpan Gap);

/// <summary>A count and sum per window and key.</summary>
public sealed record WindowCount(DateTime Start, DateTime End, string Key, long Count, long Sum);

/// <summary>A sensor's count and sum in one window, which a chained aggregation groups again by its window's time.</summary>
public sealed record SensorWindow(TimeWindow Window, string Sensor, long Count, long Sum);

/// <summary>One request of a user, for the running count per user (the DStream updateStateByKey example).</summary>
public sealed record Request(string User, string Path);

/// <summary>A user's running request count.</summary>
public sealed record UserRequests(string User, long Count);

/// <summary>A reading after a projection that renames its event time.</summary>
public sealed record Sample(DateTime Taken, string Sensor, int Value);

/// <summary>A broker's desk, from a static table.</summary>
public sealed record BrokerDesk(string Broker, string Desk, double Limit);

/// <summary>A trade with its broker's desk, or null when the broker has none.</summary>
public sealed record TradeDesk(string Broker, int Amount, string? Desk);

/// <summary>An ad impression (the ImpressionsClicks sample's shape).</summary>
public sealed record Impression(string ImpressionID, DateTime ImpressionTime, string Campaigner);

/// <summary>A click on an impression.</summary>
public sealed record Click(string ImpressionID, DateTime ClickTime);

/// <summary>An impression with its click, or a null click time.</summary>
public sealed record ImpressionClick(string ImpressionID, string Campaigner, DateTime ImpressionTime, DateTime? ClickTime);

/// <summary>A click with its impression's campaign: the rows a join feeds a window aggregation.</summary>
public sealed record ClickedImpression(string Campaigner, DateTime ClickTime);

/// <summary>Clicks of one campaign in one window.</summary>
public sealed record CampaignClicks(DateTime Start, DateTime End, string Campaigner, long Clicks);

/// <summary>Two impressions of one campaign.</summary>
public sealed record ImpressionPair(string First, string Second);

/// <summary>A conversion after a click: the third input of the two-join queries.</summary>
public sealed record Conversion(string ImpressionID, DateTime ConvertedTime, long Value);

/// <summary>A clicked impression, as the first of two joins writes it.</summary>
public sealed record ImpressionClicked(string ImpressionID, string Campaigner, DateTime ClickTime);

/// <summary>A clicked impression with its conversion: the second join's row.</summary>
public sealed record ClickConversion(string ImpressionID, string Campaigner, DateTime ClickTime, DateTime ConvertedTime, long Value);

/// <summary>A page visit whose user (anonymous visits) and region (unknown) may be null: keys that may be null.</summary>
public sealed record Visit(string? User, int? Region, string Page);

/// <summary>Visits per region, written by MapGroupsWithState.</summary>
public sealed record RegionVisits(int? Region, long Visits);
