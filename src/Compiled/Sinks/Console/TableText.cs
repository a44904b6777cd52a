using System.Text;

namespace Compiled.Sinks.ConsoleTable;

/// <summary>
/// Lays out a table exactly as Spark's <c>Dataset.showString</c> (non-vertical): borders of '-' joined
/// by '+', cells separated by '|', every column at least 3 wide, right-aligned when truncating and
/// left-aligned otherwise, full-width (CJK) characters counted twice, and an
/// "only showing top N row(s)" footer when rows were left out.
/// </summary>
internal static class TableText
{
    /// <summary>Cells longer than this are cut when truncating (Spark's <c>show(truncate = true)</c>).</summary>
    public const int TruncateWidth = 20;

    private const string Ellipsis = "...";
    private const int MinimumColumnWidth = 3;

    /// <summary>
    /// Appends the table of <paramref name="header"/> and <paramref name="cells"/> (already formatted,
    /// not yet escaped or cut) to <paramref name="sb"/>, each line ending in <paramref name="newLine"/>;
    /// <paramref name="hasMoreRows"/> says rows beyond <paramref name="numRows"/> were left out, and
    /// <paramref name="truncate"/> cuts long cells and right-aligns.
    /// </summary>
    public static void Append(StringBuilder sb, string[] header, IReadOnlyList<string[]> cells,
        int numRows, bool hasMoreRows, bool truncate, string newLine)
    {
        var rows = new List<string[]>(cells.Count + 1) { Array.ConvertAll(header, EscapeMetaCharacters) };
        foreach (var row in cells)
            rows.Add(Array.ConvertAll(row, cell => Cut(EscapeMetaCharacters(cell), truncate)));

        int[] widths = new int[header.Length];
        Array.Fill(widths, MinimumColumnWidth);
        foreach (var row in rows)
            for (int i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], HalfWidth(row[i]));

        var separator = new StringBuilder("+");
        foreach (int width in widths) separator.Append('-', width).Append('+');
        separator.Append(newLine);

        sb.Append(separator);
        AppendRow(sb, rows[0], widths, truncate, newLine);
        sb.Append(separator);
        for (int r = 1; r < rows.Count; r++) AppendRow(sb, rows[r], widths, truncate, newLine);
        sb.Append(separator);

        if (hasMoreRows)
            sb.Append("only showing top ").Append(numRows).Append(numRows == 1 ? " row" : " rows").Append(newLine);
    }

    private static void AppendRow(StringBuilder sb, string[] row, int[] widths, bool rightAlign, string newLine)
    {
        sb.Append('|');
        for (int i = 0; i < row.Length; i++)
        {
            int padding = widths[i] - HalfWidth(row[i]);
            if (rightAlign) sb.Append(' ', padding).Append(row[i]);
            else sb.Append(row[i]).Append(' ', padding);
            sb.Append('|');
        }
        sb.Append(newLine);
    }

    private static string Cut(string cell, bool truncate) =>
        truncate && cell.Length > TruncateWidth ? string.Concat(cell.AsSpan(0, TruncateWidth - Ellipsis.Length), Ellipsis) : cell;

    /// <summary>Spark escapes control characters so a cell cannot break the table's lines.</summary>
    public static string EscapeMetaCharacters(string text)
    {
        if (text.AsSpan().IndexOfAny("\n\r\t\f\b\v\a") < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\f': sb.Append("\\f"); break;
                case '\b': sb.Append("\\b"); break;
                case '\v': sb.Append("\\v"); break;
                case '\a': sb.Append("\\a"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Display width in half-width columns: the full-width ranges Spark's <c>Utils.stringHalfWidth</c> counts as two.</summary>
    public static int HalfWidth(string text)
    {
        int width = text.Length;
        foreach (char c in text)
        {
            if (c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
                or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE10' and <= '\uFE19') or (>= '\uFE30' and <= '\uFE6F')
                or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6'))
            {
                width++;
            }
        }
        return width;
    }
}
