using Compiled.Sinks.Tables;

namespace Compiled.Sqlite;

/// <summary>
/// SQLite's column types. Values are stored as Microsoft.Data.Sqlite binds them (dates and decimals as ISO text),
/// except <c>Guid</c>, stored as text rather than a blob so the sqlite3 shell shows it. An existing column is
/// judged by its type affinity (SQLite's rules), so <c>BIGINT</c> holds a <c>long</c> as <c>INTEGER</c> does.
/// </summary>
internal sealed class SqliteDialect : TableDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string Name => "SQLite";

    public override string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean or ColumnKind.Int16 or ColumnKind.Int32 or ColumnKind.Int64 => "INTEGER",
        ColumnKind.Single or ColumnKind.Double => "REAL",
        ColumnKind.Bytes => "BLOB",
        _ => "TEXT",
    };

    public override bool Accepts(ColumnKind kind, string declared) => Affinity(declared) == SqlType(kind);

    /// <summary>The affinity SQLite gives a declared type (section 3.1 of its datatype documentation), as one of our type names.</summary>
    private static string Affinity(string declared)
    {
        string type = declared.ToUpperInvariant();
        if (type.Contains("INT", StringComparison.Ordinal)) return "INTEGER";
        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal)) return "TEXT";
        if (type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal)) return "BLOB";
        if (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal)) return "REAL";
        return "NUMERIC";
    }
}
