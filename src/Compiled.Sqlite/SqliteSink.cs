using System.Text;
using Compiled.Sinks.Tables;
using Microsoft.Data.Sqlite;

namespace Compiled.Sqlite;

/// <summary>
/// The SQLite table sink (<c>Sink.Sqlite</c>): each batch is one <c>BEGIN IMMEDIATE</c> transaction that checks this
/// query's progress row, writes the rows through one prepared statement (an <c>INSERT</c>, or in Update mode an
/// <c>INSERT … ON CONFLICT DO UPDATE</c> on the key), records the batch id and commits. The database runs in WAL
/// mode with <c>synchronous=FULL</c>, so a committed batch survives a power cut and readers never block the writer.
/// </summary>
/// <remarks>A busy database (another writer holding the lock) is retried within <see cref="TableSinkOptions.RetryBudget"/>.</remarks>
public sealed class SqliteSink<T> : TableSink<T>
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly string _path;
    private readonly string _quotedTable;
    private readonly Action<T, SqliteParameter[]> _bind;
    private SqliteConnection? _connection;
    private SqliteCommand? _write;
    private SqliteParameter[] _writeParameters = [];

    internal SqliteSink(string path, string table, TableSchema schema, TableSinkOptions? options)
        : base(table, schema, options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _quotedTable = SqlNames.Quote(table);
        _bind = SqliteRowBinder.Compile<T>(schema);
    }

    /// <inheritdoc />
    public override string Description => $"SqliteSink[{_path}:{Table}]";

    /// <summary>The database file (full path).</summary>
    public string DatabasePath => _path;

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException($"{Description} is not open.");

    internal override void Connect()
    {
        string? directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // Microsoft.Data.Sqlite waits this long on a locked database before failing; the sink's own retry takes over then.
            DefaultTimeout = 1,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        _connection = connection;
    }

    internal override void CloseConnection()
    {
        _write?.Dispose();
        _write = null;
        _connection?.Dispose();
        _connection = null;
    }

    internal override void PrepareTables()
    {
        SqliteConnection connection = Connection;
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        string progress = SqlNames.Quote(Options.ProgressTable);
        Execute(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {progress} (query_id TEXT NOT NULL, target_table TEXT NOT NULL, query_name TEXT NOT NULL, " +
            "batch_id INTEGER NOT NULL, committed_at TEXT, PRIMARY KEY (query_id, target_table))");
        List<ExistingColumn> existing = ReadColumns(connection, transaction);
        if (existing.Count == 0)
        {
            if (!Options.CreateTable)
                throw new TableSinkException($"{Description}: table '{Table}' does not exist and TableSinkOptions.CreateTable is false; create it first.");
            Execute(connection, transaction, TableShape.CreateStatement(_quotedTable, Schema, SqliteDialect.Instance));
        }
        else
        {
            TableShape.Verify(Description, Table, Schema, existing, ReadUniqueKeys(connection, transaction), Mode == OutputMode.Update, SqliteDialect.Instance);
        }
        using (SqliteCommand insert = Command(connection, transaction,
            $"INSERT INTO {progress} (query_id, target_table, query_name, batch_id) VALUES ($q, $t, $n, -1) ON CONFLICT DO NOTHING"))
        {
            insert.Parameters.AddWithValue("$n", QueryName);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    internal override void BeginBatch()
    {
        SqliteConnection connection = Connection;
        // IMMEDIATE takes the write lock now: a deferred transaction that read first could fail to upgrade later.
        SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Transaction = transaction;
        _write ??= PrepareWrite(connection);
        _write.Transaction = transaction;
    }

    internal override long ReadCommittedBatch()
    {
        using SqliteCommand select = Command(Connection, (SqliteTransaction?)Transaction,
            $"SELECT batch_id FROM {SqlNames.Quote(Options.ProgressTable)} WHERE query_id = $q AND target_table = $t");
        return select.ExecuteScalar() is long batchId
            ? batchId
            : throw new TableSinkException($"{Description}: the progress row of query '{QueryName}' ({QueryId}) in '{Options.ProgressTable}' is missing; it was deleted while the query ran.");
    }

    internal override void DeleteAll() => Execute(Connection, (SqliteTransaction?)Transaction, "DELETE FROM " + _quotedTable);

    internal override void WriteRows(ReadOnlySpan<T> rows)
    {
        SqliteCommand write = _write!;
        SqliteParameter[] parameters = _writeParameters;
        foreach (T row in rows)
        {
            _bind(row, parameters);
            write.ExecuteNonQuery();
        }
    }

    internal override void RecordBatch(long batchId)
    {
        using (SqliteCommand update = Command(Connection, (SqliteTransaction?)Transaction,
            $"UPDATE {SqlNames.Quote(Options.ProgressTable)} SET batch_id = $b, query_name = $n, committed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE query_id = $q AND target_table = $t"))
        {
            update.Parameters.AddWithValue("$b", batchId);
            update.Parameters.AddWithValue("$n", QueryName);
            update.ExecuteNonQuery();
        }
    }

    internal override bool IsTransient(Exception error) =>
        error is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    /// <summary>The prepared statement of the query's mode: an upsert on the key in Update mode, an insert otherwise.</summary>
    private SqliteCommand PrepareWrite(SqliteConnection connection)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(_quotedTable).Append(" (").Append(SqlNames.List(Schema.Columns)).Append(") VALUES (");
        for (int i = 0; i < Schema.Columns.Count; i++) sql.Append(i > 0 ? ", " : "").Append(SqliteRowBinder.ParameterName(i));
        sql.Append(')');
        if (Mode == OutputMode.Update)
        {
            string update = SqlNames.UpdateFromExcluded(Schema.Columns);
            sql.Append(" ON CONFLICT (").Append(SqlNames.List(Schema.Keys)).Append(") DO ")
                .Append(update.Length == 0 ? "NOTHING" : "UPDATE SET " + update);
        }
        var command = new SqliteCommand(sql.ToString(), connection);
        _writeParameters = SqliteRowBinder.AddParameters(command, Schema);
        command.Prepare();
        return command;
    }

    private List<ExistingColumn> ReadColumns(SqliteConnection connection, SqliteTransaction transaction)
    {
        var columns = new List<ExistingColumn>();
        using SqliteCommand info = Command(connection, transaction, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($t)");
        using SqliteDataReader reader = info.ExecuteReader();
        while (reader.Read())
        {
            // An INTEGER PRIMARY KEY column is the rowid: SQLite fills it when left out.
            bool rowid = reader.GetInt64(4) > 0 && string.Equals(reader.GetString(1), "INTEGER", StringComparison.OrdinalIgnoreCase);
            columns.Add(new ExistingColumn(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, !reader.IsDBNull(3) || rowid));
        }
        return columns;
    }

    private List<IReadOnlyCollection<string>> ReadUniqueKeys(SqliteConnection connection, SqliteTransaction transaction)
    {
        var keys = new List<IReadOnlyCollection<string>>();
        var primary = new List<string>();
        using (SqliteCommand info = Command(connection, transaction, "SELECT name FROM pragma_table_info($t) WHERE pk > 0 ORDER BY pk"))
        using (SqliteDataReader reader = info.ExecuteReader())
        {
            while (reader.Read()) primary.Add(reader.GetString(0));
        }
        if (primary.Count > 0) keys.Add(primary);
        using SqliteCommand indexes = Command(connection, transaction,
            "SELECT il.name, ii.name FROM pragma_index_list($t) AS il JOIN pragma_index_info(il.name) AS ii WHERE il.\"unique\" = 1 AND il.partial = 0 ORDER BY il.name");
        using SqliteDataReader rows = indexes.ExecuteReader();
        string? current = null;
        List<string>? columns = null;
        while (rows.Read())
        {
            string index = rows.GetString(0);
            if (index != current)
            {
                current = index;
                columns = [];
                keys.Add(columns);
            }
            columns!.Add(rows.GetString(1));
        }
        return keys;
    }

    /// <summary>A command with this sink's <c>$q</c> (query id) and <c>$t</c> (table) parameters bound.</summary>
    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        if (SqlNames.UsesParameter(sql, "$q")) command.Parameters.AddWithValue("$q", QueryId);
        if (SqlNames.UsesParameter(sql, "$t")) command.Parameters.AddWithValue("$t", Table);
        return command;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
