using System.Text;

namespace Compiled.Sinks.Tables;

/// <summary>
/// Creates a target table from a row type's schema, and checks an existing one against it: every member needs a
/// column of a compatible type that accepts its nulls, every other column must be optional, and an Update-mode
/// query needs a primary key or unique index on exactly its key columns. A mismatch is refused naming the column
/// and both types.
/// </summary>
internal static class TableShape
{
    /// <summary>The <c>CREATE TABLE</c> statement for <paramref name="schema"/> (with a primary key when it declares one).</summary>
    public static string CreateStatement(string quotedTable, TableSchema schema, TableDialect dialect)
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(quotedTable).Append(" (");
        foreach (TableColumn column in schema.Columns)
        {
            sql.Append(SqlNames.Quote(column.Name)).Append(' ').Append(dialect.SqlType(column.Kind));
            if (!column.Nullable) sql.Append(" NOT NULL");
            sql.Append(", ");
        }
        if (schema.Keys.Count > 0) sql.Append("PRIMARY KEY (").Append(SqlNames.List(schema.Keys)).Append(')');
        else sql.Length -= 2;
        return sql.Append(')').ToString();
    }

    /// <summary>Throws <see cref="TableSinkException"/> naming the first mismatch between <paramref name="existing"/> and <paramref name="schema"/>.</summary>
    /// <param name="sink">The sink's description, for messages.</param>
    /// <param name="table">The table's name, for messages.</param>
    /// <param name="schema">What the row type needs.</param>
    /// <param name="existing">The table's columns.</param>
    /// <param name="uniqueKeys">The column sets of the table's primary key and unique indexes.</param>
    /// <param name="needsKey">True in Update mode, which upserts on the key.</param>
    /// <param name="dialect">The database's types.</param>
    public static void Verify(string sink, string table, TableSchema schema, IReadOnlyList<ExistingColumn> existing,
        IReadOnlyList<IReadOnlyCollection<string>> uniqueKeys, bool needsKey, TableDialect dialect)
    {
        string row = schema.RowType.Name;
        string Refuse(string what) =>
            $"{sink}: table '{table}' does not fit row type '{row}': {what}. Change the row type, or migrate or drop the table (docs/tables.md lists the type mapping).";

        var byName = new Dictionary<string, ExistingColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (ExistingColumn column in existing) byName.TryAdd(column.Name, column);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (TableColumn column in schema.Columns)
        {
            string member = $"member '{row}.{column.Name}' is {TypeName(column.MemberType)} ({dialect.Name} {dialect.SqlType(column.Kind)})";
            if (!byName.TryGetValue(column.Name, out ExistingColumn? found))
                throw new TableSinkException(Refuse($"it has no column '{column.Name}', but {member}"));
            used.Add(found.Name);
            if (!dialect.Accepts(column.Kind, found.SqlType))
                throw new TableSinkException(Refuse($"column '{found.Name}' is {found.SqlType}, but {member}"));
            if (column.Nullable && found.NotNull)
                throw new TableSinkException(Refuse($"column '{found.Name}' is NOT NULL, but {member} and may be null"));
        }
        foreach (ExistingColumn column in existing)
        {
            if (!used.Contains(column.Name) && column.NotNull && !column.HasDefault)
                throw new TableSinkException(Refuse($"column '{column.Name}' ({column.SqlType}) is NOT NULL without a default, and the row type has no member for it"));
        }
        if (needsKey && !HasUniqueKey(schema.Keys, uniqueKeys))
            throw new TableSinkException(Refuse(
                $"Update mode upserts on the key ({string.Join(", ", schema.Keys.Select(k => k.Name))}), but the table has no primary key or unique index on exactly those columns"));
    }

    private static bool HasUniqueKey(IReadOnlyList<TableColumn> keys, IReadOnlyList<IReadOnlyCollection<string>> uniqueKeys)
    {
        foreach (IReadOnlyCollection<string> unique in uniqueKeys)
        {
            if (unique.Count != keys.Count) continue;
            var set = new HashSet<string>(unique, StringComparer.OrdinalIgnoreCase);
            if (keys.All(k => set.Contains(k.Name))) return true;
        }
        return false;
    }

    private static string TypeName(Type type) =>
        Nullable.GetUnderlyingType(type) is { } underlying ? underlying.Name + "?" : type.Name;
}
