using System.Collections;
using System.Globalization;
using System.Text;

namespace Compiled.Sinks.ConsoleTable;

/// <summary>
/// Turns one value into the text of a console cell the way Spark 3.5+ shows it (<c>ToPrettyString</c>):
/// <c>NULL</c>, <c>true</c>, Java-style floating point, timestamps as <c>yyyy-MM-dd HH:mm:ss</c> with a
/// fraction only when non-zero, binary as <c>[0A FF]</c>, arrays <c>[a, b]</c>, maps <c>{k -> v}</c>,
/// nested records <c>{a, b}</c>. Invariant culture throughout.
/// </summary>
internal static class CellFormatter
{
    /// <summary>Spark's text for a null cell.</summary>
    public const string Null = "NULL";

    // Nested records deeper than this are shown through ToString(), which also stops reference cycles.
    private const int MaxDepth = 8;
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFF";   // F: trailing zeros and a bare '.' vanish
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm:ss.FFFFFF";

    public static string Format(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, int depth)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null: sb.Append(Null); break;
            case string s: sb.Append(s); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case char c: sb.Append(c); break;
            case double d: sb.Append(JavaNumberFormat.Format(d)); break;
            case float f: sb.Append(JavaNumberFormat.Format(f)); break;
            case DateTime t: sb.Append(t.ToString(TimestampFormat, inv)); break;
            // Spark shows a timestamp in the session time zone; Compiled's is UTC.
            case DateTimeOffset o: sb.Append(o.UtcDateTime.ToString(TimestampFormat, inv)); break;
            case DateOnly d: sb.Append(d.ToString(DateFormat, inv)); break;
            case TimeOnly t: sb.Append(t.ToString(TimeFormat, inv)); break;
            case TimeSpan t: sb.Append(t.ToString("c", inv)); break;
            case Enum e: sb.Append(e.ToString()); break;
            case byte[] bytes: AppendBinary(sb, bytes); break;
            case IFormattable f: sb.Append(f.ToString(null, inv)); break;
            case IDictionary map: AppendMap(sb, map, depth); break;
            case IEnumerable items: AppendArray(sb, items, depth); break;
            default: AppendRecord(sb, value, depth); break;
        }
    }

    private static void AppendBinary(StringBuilder sb, byte[] bytes)
    {
        sb.Append('[');
        for (int i = 0; i < bytes.Length; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }
        sb.Append(']');
    }

    private static void AppendArray(StringBuilder sb, IEnumerable items, int depth)
    {
        sb.Append('[');
        bool first = true;
        foreach (object? item in items)
        {
            if (!first) sb.Append(", ");
            first = false;
            Append(sb, item, depth + 1);
        }
        sb.Append(']');
    }

    private static void AppendMap(StringBuilder sb, IDictionary map, int depth)
    {
        sb.Append('{');
        bool first = true;
        foreach (DictionaryEntry entry in map)
        {
            if (!first) sb.Append(", ");
            first = false;
            Append(sb, entry.Key, depth + 1);
            sb.Append(" -> ");
            Append(sb, entry.Value, depth + 1);
        }
        sb.Append('}');
    }

    private static void AppendRecord(StringBuilder sb, object value, int depth)
    {
        var layout = RowLayout.For(value.GetType());
        if (layout.IsScalar || depth >= MaxDepth)
        {
            sb.Append(value.ToString() ?? Null);
            return;
        }
        sb.Append('{');
        for (int i = 0; i < layout.Names.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            Append(sb, layout.GetValue(value, i), depth + 1);
        }
        sb.Append('}');
    }
}
