using System.Text;

namespace Compiled.Sinks.Tables;

/// <summary>SQL identifier quoting shared by SQLite and PostgreSQL (both use ANSI double quotes).</summary>
internal static class SqlNames
{
    /// <summary><paramref name="name"/> in double quotes, with embedded quotes doubled, so any name is one identifier.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The quoted column names, comma-separated, optionally each prefixed (e.g. <c>EXCLUDED.</c>).</summary>
    public static string List(IReadOnlyList<TableColumn> columns, string prefix = "")
    {
        var text = new StringBuilder();
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(prefix).Append(Quote(columns[i].Name));
        }
        return text.ToString();
    }

    /// <summary><c>"c" = EXCLUDED."c"</c> for every column that is not a key, comma-separated; empty when all are keys.</summary>
    public static string UpdateFromExcluded(IReadOnlyList<TableColumn> columns)
    {
        var text = new StringBuilder();
        foreach (TableColumn column in columns)
        {
            if (column.IsKey) continue;
            if (text.Length > 0) text.Append(", ");
            string quoted = Quote(column.Name);
            text.Append(quoted).Append(" = excluded.").Append(quoted);
        }
        return text.ToString();
    }

    /// <summary>True when <paramref name="sql"/> refers to parameter <paramref name="name"/> (not merely to a longer name starting with it).</summary>
    public static bool UsesParameter(string sql, string name)
    {
        for (int at = sql.IndexOf(name, StringComparison.Ordinal); at >= 0; at = sql.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            int end = at + name.Length;
            if (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) return true;
        }
        return false;
    }
}
