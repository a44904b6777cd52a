using Compiled.Generators.Tests.Queries;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>Random inputs with fixed seeds, chosen to exercise edge cases (empty words, non-ASCII keys, exact doubles).</summary>
internal static class TestData
{
    private static readonly string[] s_vocabulary =
    [
        "Apple", "apple", "APPLE", "banana", "Cherry", "x", "42", "R2D2", "--", "!!", "Ärger", "ÄRGER", "straße", "東京", "naïve",
        "a", "an", "the", "The", "THE", "stream", "Stream", "batch", "Batch", "state",
    ];

    private static readonly string[] s_brokers = ["ACME", "Börse", "東京証券", "Bank of X", "", "zeta", "Alpha", "alpha"];
    private static readonly string[] s_types = ["BUY", "SELL", "HOLD"];

    public static List<Ev> Events(int count, int keys, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => new Ev { Time = i, Key = random.Next(keys), Value = random.Next(1000) })
            .ToList();
    }

    /// <summary>Lines of words joined by spaces and commas, with doubled and trailing separators now and then.</summary>
    public static List<string> Lines(int count, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        for (int i = 0; i < count; i++)
        {
            int words = random.Next(0, 12);
            var text = new System.Text.StringBuilder();
            for (int w = 0; w < words; w++)
            {
                if (w > 0 || random.Next(8) == 0) text.Append(random.Next(3) switch { 0 => ",", 1 => " ,", _ => " " });
                if (random.Next(10) == 0) text.Append(' ');
                text.Append(s_vocabulary[random.Next(s_vocabulary.Length)]);
                if (random.Next(15) == 0) text.Append(". ;");
            }
            lines.Add(text.ToString());
        }
        return lines;
    }

    /// <summary>Trades whose prices and fees are exact in binary and decimal, so sums do not depend on batching.</summary>
    public static List<Trade> Trades(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Trade(
                i,
                s_types[random.Next(s_types.Length)],
                random.Next(-50, 1000),
                s_brokers[random.Next(s_brokers.Length)],
                random.Next(0, 4000) / 4.0,
                random.Next(0, 10000) / 100m,
                (Side)random.Next(2)))
            .ToList();
    }

    public static List<Order> Orders(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Order(
                i,
                s_brokers[random.Next(s_brokers.Length)],
                Enumerable.Range(0, random.Next(4)).Select(_ => new OrderLine("SKU" + random.Next(20), random.Next(4))).ToList()))
            .ToList();
    }

    /// <summary>Splits <paramref name="rows"/> into consecutive batches of random size, empty ones included.</summary>
    public static List<List<T>> Batches<T>(IReadOnlyList<T> rows, int seed, int maxBatch)
    {
        var random = new Random(seed);
        var batches = new List<List<T>>();
        int at = 0;
        while (at < rows.Count)
        {
            int size = random.Next(0, maxBatch + 1);
            batches.Add(rows.Skip(at).Take(size).ToList());
            at += size;
        }
        return batches;
    }
}
