using System.Text;
using Compiled.EndToEnd.Tests.Queries;

namespace Compiled.EndToEnd.Tests.Support;

/// <summary>Random inputs with fixed seeds, with edge cases: empty and non-ASCII keys, case variants, doubled separators.</summary>
internal static class InputData
{
    private static readonly string[] s_vocabulary =
    [
        "Apple", "apple", "APPLE", "banana", "Cherry", "x", "42", "R2D2", "--", "!!", "Ärger", "ÄRGER", "straße", "東京",
        "naïve", "a", "the", "The", "stream", "Stream", "batch", "state", "_", "e2e",
    ];

    private static readonly string[] s_regions = ["North", "south", "Süd", "東", "", "West", "west"];
    private static readonly string[] s_products = ["widget", "Widget", "gadget", "gizmo", "ß-tool", "", "doohickey", "thing-1", "thing-2"];

    /// <summary>Lines of words separated by spaces and commas, with empty lines and doubled separators now and then.</summary>
    public static List<string> Lines(int count, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>(count);
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Clear();
            int words = random.Next(0, 10);
            for (int w = 0; w < words; w++)
            {
                if (w > 0 || random.Next(8) == 0) text.Append(random.Next(4) switch { 0 => ",", 1 => " ,", 2 => "  ", _ => " " });
                text.Append(s_vocabulary[random.Next(s_vocabulary.Length)]);
            }
            lines.Add(text.ToString());
        }
        return lines;
    }

    /// <summary>Sales with ids 0, 1, 2, …; prices in cents and discounts in eighths, so every sum is exact.</summary>
    public static List<Sale> Sales(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Sale(
                i,
                s_regions[random.Next(s_regions.Length)],
                s_products[random.Next(s_products.Length)],
                random.Next(-3, 40),
                random.Next(0, 50_000) / 100m,
                random.Next(0, 9) / 8.0))
            .ToList();
    }

    /// <summary>Splits <paramref name="rows"/> into consecutive chunks of random size (0 to <paramref name="maxChunk"/>).</summary>
    public static List<T[]> Chunks<T>(IReadOnlyList<T> rows, int seed, int maxChunk)
    {
        var random = new Random(seed);
        var chunks = new List<T[]>();
        int at = 0;
        while (at < rows.Count)
        {
            int size = Math.Min(random.Next(0, maxChunk + 1), rows.Count - at);
            chunks.Add(rows.Skip(at).Take(size).ToArray());
            at += size;
        }
        return chunks;
    }
}
