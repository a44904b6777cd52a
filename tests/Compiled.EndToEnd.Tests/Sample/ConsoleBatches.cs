namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>Reads back what the console sink printed: one "Batch: N" banner and one table per batch.</summary>
internal static class ConsoleBatches
{
    /// <summary>Each batch's id and table rows (cells trimmed), header excluded, in print order.</summary>
    /// <exception cref="FormatException">The text is not a sequence of console-sink batches.</exception>
    public static List<(long BatchId, string[] Header, List<string[]> Rows)> Parse(string text)
    {
        var batches = new List<(long BatchId, string[] Header, List<string[]> Rows)>();
        string[]? header = null;
        foreach (string line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("Batch: ", StringComparison.Ordinal))
            {
                batches.Add((long.Parse(line["Batch: ".Length..]), [], []));
                header = null;
            }
            else if (line.StartsWith('|'))
            {
                if (batches.Count == 0) throw new FormatException($"table row before any 'Batch:' banner: {line}");
                string[] cells = line.Split('|')[1..^1].Select(c => c.Trim()).ToArray();
                if (header is null)
                {
                    header = cells;
                    batches[^1] = (batches[^1].BatchId, cells, batches[^1].Rows);
                }
                else
                {
                    batches[^1].Rows.Add(cells);
                }
            }
            else if (line.StartsWith("only showing", StringComparison.Ordinal))
            {
                throw new FormatException("the table was cut; pass a larger --rows");
            }
        }
        return batches;
    }
}
