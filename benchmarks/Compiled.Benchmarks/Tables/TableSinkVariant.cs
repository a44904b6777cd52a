using System.Data.Common;
using Compiled.Benchmarks.Workloads;
using Compiled.PostgreSql;
using Compiled.Sinks;
using Compiled.Sinks.Tables;
using Compiled.Sqlite;
using Compiled.Tables.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Compiled.Benchmarks.Tables;

/// <summary>
/// T1 through a real table sink: <see cref="Prepare"/> opens a sink on a fresh table (untimed), <see cref="Run"/> writes
/// the whole batch as batch 0 — one transaction with the progress-row check and update, exactly as a query would.
/// </summary>
internal sealed class TableSinkVariant(KeyValueRow[] rows, TableSinkTarget target)
    : Variant(target == TableSinkTarget.Sqlite ? "Sink.Sqlite (prepared upsert)" : "Sink.Postgres (binary COPY + upsert)")
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "compiled-bench-tables-" + Guid.NewGuid().ToString("N"));
    private PostgresTestServer? _server;
    private TableSink<KeyValueRow>? _sink;
    private string _table = "";
    private int _tables;

    private string SqlitePath => Path.Combine(_directory, "t1.db");

    /// <inheritdoc/>
    public override void Prepare()
    {
        _sink?.Dispose();
        _table = "t1_" + _tables++;
        _sink = target == TableSinkTarget.Sqlite
            ? Sink.Sqlite<KeyValueRow>(SqlitePath, _table)
            : Sink.Postgres<KeyValueRow>((_server ??= PostgresTestServer.Start(durable: true)).ConnectionString, _table);
        _sink.Open(new SinkContext(Guid.NewGuid(), "T1", OutputMode.Update, _directory, NullLogger.Instance));
    }

    /// <inheritdoc/>
    public override long Run()
    {
        _sink!.AddBatch(0, rows);
        return rows.Length;
    }

    /// <inheritdoc/>
    public override Checksum Checksum()
    {
        using DbConnection connection = target == TableSinkTarget.Sqlite
            ? new SqliteConnection($"Data Source={SqlitePath};Pooling=False")
            : new NpgsqlConnection(_server!.ConnectionString);
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Key\", \"Value\" FROM \"{_table}\"";
        using DbDataReader reader = command.ExecuteReader();
        var table = new List<KeyValuePair<int, long>>();
        while (reader.Read()) table.Add(new(reader.GetInt32(0), reader.GetInt64(1)));
        return Workloads.Checksum.OfKeyCounts(table);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _sink?.Dispose();
        _server?.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
