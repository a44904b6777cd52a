namespace Compiled.Sinks.Tables;

/// <summary>What the shared table code needs to know about one database's types: a provider supplies one.</summary>
internal abstract class TableDialect
{
    /// <summary>The database's name in messages, e.g. "SQLite".</summary>
    public abstract string Name { get; }

    /// <summary>The SQL type a created table gives a column of <paramref name="kind"/>.</summary>
    public abstract string SqlType(ColumnKind kind);

    /// <summary>True when an existing column declared <paramref name="declared"/> can hold a column of <paramref name="kind"/>.</summary>
    public abstract bool Accepts(ColumnKind kind, string declared);
}
