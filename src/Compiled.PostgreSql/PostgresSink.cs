using System.Net.Sockets;
using Compiled.Sinks.Tables;
using Npgsql;
using NpgsqlTypes;

namespace Compiled.PostgreSql;

/// <summary>
/// The PostgreSQL table sink (<c>Sink.Postgres</c>). Each batch is one transaction: lock this query's progress row
/// (<c>SELECT … FOR UPDATE</c>), skip the batch if its id is already recorded, else binary-COPY the rows (into the
/// table in Append and Complete mode, into a temporary staging table in Update mode, followed by one
/// <c>INSERT … SELECT DISTINCT ON (key) … ON CONFLICT DO UPDATE</c> in which the last row of a key wins), record the
/// batch id and commit.
/// </summary>
/// <remarks>
/// A lost connection (the server restarted, the backend was terminated, the network dropped) is retried on a new
/// connection within <see cref="TableSinkOptions.RetryBudget"/>; the server rolled the lost transaction back, or, if
/// it committed just before the connection died, the progress row says so and the retry writes nothing.
/// </remarks>
public sealed class PostgresSink<T> : TableSink<T>
{
    private const string StagingTable = "compiled_staging";
    private const string OrdinalColumn = "_compiled_ordinal";

    private readonly string _connectionString;
    private readonly string? _schemaName;
    private readonly string _tableName;
    private readonly string _quotedTable;
    private readonly Action<NpgsqlBinaryImporter, T> _writeRow;
    private NpgsqlConnection? _connection;
    private bool _stagingReady;

    internal PostgresSink(string connectionString, string table, TableSchema schema, TableSinkOptions? options)
        : base(table, schema, options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        int dot = table.IndexOf('.', StringComparison.Ordinal);
        _schemaName = dot < 0 ? null : table[..dot];
        _tableName = dot < 0 ? table : table[(dot + 1)..];
        _quotedTable = (_schemaName is null ? "" : SqlNames.Quote(_schemaName) + ".") + SqlNames.Quote(_tableName);
        _writeRow = PostgresRowWriter.Compile<T>(schema);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgresSink[{builder.Host}:{builder.Port}/{builder.Database}:{table}]";
    }

    /// <inheritdoc />
    public override string Description { get; }

    private NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException($"{Description} is not open.");

    private string ProgressTable => SqlNames.Quote(Options.ProgressTable);

    internal override void Connect()
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        _connection = connection;
        _stagingReady = false;
    }

    internal override void CloseConnection()
    {
        if (_connection is null) return;
        // A broken connection must not go back to the pool for the next attempt to pick up.
        if (_connection.FullState.HasFlag(System.Data.ConnectionState.Broken)) NpgsqlConnection.ClearPool(_connection);
        _connection.Dispose();
        _connection = null;
    }

    internal override void PrepareTables()
    {
        NpgsqlConnection connection = Connection;
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        // Serialises first runs of several sinks on one database: CREATE TABLE IF NOT EXISTS alone can race.
        Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('compiled.table-sink.setup'))");
        Execute(connection,
            $"CREATE TABLE IF NOT EXISTS {ProgressTable} (query_id text NOT NULL, target_table text NOT NULL, query_name text NOT NULL, " +
            "batch_id bigint NOT NULL, committed_at timestamp with time zone, PRIMARY KEY (query_id, target_table))");
        List<ExistingColumn> existing = ReadColumns(connection);
        if (existing.Count == 0)
        {
            if (!Options.CreateTable)
                throw new TableSinkException($"{Description}: table '{Table}' does not exist and TableSinkOptions.CreateTable is false; create it first.");
            Execute(connection, TableShape.CreateStatement(_quotedTable, Schema, PostgresDialect.Instance));
        }
        else
        {
            TableShape.Verify(Description, Table, Schema, existing, ReadUniqueKeys(connection), Mode == OutputMode.Update, PostgresDialect.Instance);
        }
        using (NpgsqlCommand insert = Command(connection,
            $"INSERT INTO {ProgressTable} (query_id, target_table, query_name, batch_id) VALUES (@q, @t, @n, -1) ON CONFLICT DO NOTHING"))
        {
            insert.Parameters.AddWithValue("n", QueryName);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    internal override void BeginBatch() => Transaction = Connection.BeginTransaction();

    internal override long ReadCommittedBatch()
    {
        using NpgsqlCommand select = Command(Connection,
            $"SELECT batch_id FROM {ProgressTable} WHERE query_id = @q AND target_table = @t FOR UPDATE");
        return select.ExecuteScalar() is long batchId
            ? batchId
            : throw new TableSinkException($"{Description}: the progress row of query '{QueryName}' ({QueryId}) in '{Options.ProgressTable}' is missing; it was deleted while the query ran.");
    }

    internal override void DeleteAll() => Execute(Connection, "DELETE FROM " + _quotedTable);

    internal override void WriteRows(ReadOnlySpan<T> rows)
    {
        NpgsqlConnection connection = Connection;
        if (Mode != OutputMode.Update)
        {
            Copy(connection, _quotedTable, rows, withOrdinal: false);
            return;
        }
        if (!_stagingReady)
        {
            // Temporary: private to this connection and never WAL-logged; emptied at every commit or rollback.
            Execute(connection, $"CREATE TEMPORARY TABLE IF NOT EXISTS {StagingTable} ({StagingColumns()}) ON COMMIT DELETE ROWS");
            _stagingReady = true;
        }
        if (rows.IsEmpty) return;
        Copy(connection, StagingTable, rows, withOrdinal: true);
        string columns = SqlNames.List(Schema.Columns);
        string keys = SqlNames.List(Schema.Keys);
        string update = SqlNames.UpdateFromExcluded(Schema.Columns);
        Execute(connection,
            $"INSERT INTO {_quotedTable} ({columns}) SELECT DISTINCT ON ({keys}) {columns} FROM {StagingTable} " +
            $"ORDER BY {keys}, {OrdinalColumn} DESC ON CONFLICT ({keys}) DO {(update.Length == 0 ? "NOTHING" : "UPDATE SET " + update)}");
    }

    internal override void RecordBatch(long batchId)
    {
        using (NpgsqlCommand update = Command(Connection,
            $"UPDATE {ProgressTable} SET batch_id = @b, query_name = @n, committed_at = now() WHERE query_id = @q AND target_table = @t"))
        {
            update.Parameters.AddWithValue("b", batchId);
            update.Parameters.AddWithValue("n", QueryName);
            update.ExecuteNonQuery();
        }
    }

    internal override bool IsTransient(Exception error)
    {
        if (_connection is { } connection && connection.FullState.HasFlag(System.Data.ConnectionState.Broken)) return true;
        return error switch
        {
            // 08: connection exceptions; 57P01-03: the server is shutting down, crashed or starting; 53300: too many connections.
            PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03" or "53300",
            NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
            SocketException or IOException or TimeoutException => true,
            _ => false,
        };
    }

    /// <summary>Binary COPY of <paramref name="rows"/> into <paramref name="target"/>, each row followed by its position when <paramref name="withOrdinal"/>.</summary>
    private void Copy(NpgsqlConnection connection, string target, ReadOnlySpan<T> rows, bool withOrdinal)
    {
        string columns = SqlNames.List(Schema.Columns) + (withOrdinal ? ", " + OrdinalColumn : "");
        using NpgsqlBinaryImporter importer = connection.BeginBinaryImport($"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)");
        long ordinal = 0;
        foreach (T row in rows)
        {
            importer.StartRow();
            _writeRow(importer, row);
            if (withOrdinal) importer.Write(ordinal++, NpgsqlDbType.Bigint);
        }
        importer.Complete();
    }

    private string StagingColumns()
    {
        var columns = new List<string>(Schema.Columns.Count + 1);
        foreach (TableColumn column in Schema.Columns) columns.Add(SqlNames.Quote(column.Name) + " " + PostgresDialect.Instance.SqlType(column.Kind));
        columns.Add(OrdinalColumn + " bigint NOT NULL");
        return string.Join(", ", columns);
    }

    private List<ExistingColumn> ReadColumns(NpgsqlConnection connection)
    {
        using NpgsqlCommand info = Command(connection,
            "SELECT column_name, data_type, is_nullable = 'NO', column_default IS NOT NULL OR is_identity = 'YES' OR is_generated <> 'NEVER' " +
            "FROM information_schema.columns WHERE table_schema = coalesce(@s, current_schema()) AND table_name = @tn ORDER BY ordinal_position");
        var columns = new List<ExistingColumn>();
        using NpgsqlDataReader reader = info.ExecuteReader();
        while (reader.Read()) columns.Add(new ExistingColumn(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3)));
        return columns;
    }

    private List<IReadOnlyCollection<string>> ReadUniqueKeys(NpgsqlConnection connection)
    {
        using NpgsqlCommand info = Command(connection,
            "SELECT array_agg(a.attname::text) FROM pg_index i " +
            "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey) " +
            "WHERE i.indisunique AND i.indpred IS NULL AND c.relname = @tn AND n.nspname = coalesce(@s, current_schema()) GROUP BY i.indexrelid");
        var keys = new List<IReadOnlyCollection<string>>();
        using NpgsqlDataReader reader = info.ExecuteReader();
        while (reader.Read()) keys.Add(reader.GetFieldValue<string[]>(0));
        return keys;
    }

    /// <summary>A command in the current transaction with this sink's parameters bound: <c>@q</c> query id, <c>@t</c> table as given, <c>@s</c>/<c>@tn</c> its schema and name.</summary>
    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        if (SqlNames.UsesParameter(sql, "@q")) command.Parameters.AddWithValue("q", QueryId);
        if (SqlNames.UsesParameter(sql, "@t")) command.Parameters.AddWithValue("t", Table);
        if (SqlNames.UsesParameter(sql, "@s")) command.Parameters.Add(new NpgsqlParameter<string?>("s", NpgsqlDbType.Text) { TypedValue = _schemaName });
        if (SqlNames.UsesParameter(sql, "@tn")) command.Parameters.AddWithValue("tn", _tableName);
        return command;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
