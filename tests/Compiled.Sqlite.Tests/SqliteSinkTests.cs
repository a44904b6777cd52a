using System.Data.Common;
using System.Linq.Expressions;
using Compiled.Sinks.Tables;
using Compiled.Tables.Testing;
using Microsoft.Data.Sqlite;

namespace Compiled.Sqlite.Tests;

/// <summary>The table-sink contract against a real SQLite file, plus SQLite's own failure: a database locked by another writer.</summary>
public sealed class SqliteSinkTests : TableSinkContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "compiled-sqlite-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "sink.db");

    protected override TableSink<T> CreateSink<T>(string table, TableSinkOptions? options = null) => Sink.Sqlite<T>(DatabasePath, table, options);

    protected override TableSink<T> CreateSink<T, TKey>(string table, Expression<Func<T, TKey>> key) => Sink.Sqlite(DatabasePath, table, key);

    protected override DbConnection OpenConnection()
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    protected override string CreateMismatchedTotalsTable(string table) =>
        $"CREATE TABLE \"{table}\" (\"Key\" TEXT PRIMARY KEY, \"Count\" TEXT NOT NULL, \"Sum\" BIGINT NOT NULL)";

    protected override (string Long, string Text) TypeNames => ("INTEGER", "TEXT");

    [Fact]
    public async Task A_database_locked_by_another_writer_is_retried_until_it_is_free()
    {
        string table = NewTable();
        using var sink = Sink.Sqlite<Total>(DatabasePath, table, new TableSinkOptions { RetryBudget = TimeSpan.FromSeconds(30), InitialBackoff = TimeSpan.FromMilliseconds(50) });
        sink.Open(Context(OutputMode.Update, Guid.NewGuid()));
        using SqliteConnection other = (SqliteConnection)OpenConnection();
        SqliteTransaction lockHolder = other.BeginTransaction(deferred: false);
        // The sink waits about a second per attempt on the lock (Microsoft.Data.Sqlite's busy wait), then backs off.
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            lockHolder.Commit();
        });

        sink.AddBatch(0, [new Total("a", 1, 10)]);
        await release;

        Assert.Equal([new Total("a", 1, 10)], ReadTotals(table));
    }

    [Fact]
    public void A_database_locked_beyond_the_retry_budget_fails_naming_the_sink_the_batch_and_the_cause_and_a_rerun_writes_it_once()
    {
        string table = NewTable();
        Guid queryId = Guid.NewGuid();
        var options = new TableSinkOptions { RetryBudget = TimeSpan.FromMilliseconds(300), InitialBackoff = TimeSpan.FromMilliseconds(100) };
        using (var sink = Sink.Sqlite<Total>(DatabasePath, table, options))
        {
            sink.Open(Context(OutputMode.Update, queryId));
            sink.AddBatch(0, [new Total("a", 1, 10)]);
            using SqliteConnection other = (SqliteConnection)OpenConnection();
            using SqliteTransaction lockHolder = other.BeginTransaction(deferred: false);

            var error = Assert.Throws<TableSinkException>(() => sink.AddBatch(1, [new Total("a", 2, 30)]));
            Assert.Contains($"SqliteSink[{DatabasePath}:{table}] could not write batch 1 within its retry budget of 0.3 s", error.Message);
            Assert.Contains("database is locked", error.Message);
            Assert.IsType<SqliteException>(error.InnerException);
        }
        using (var restarted = Sink.Sqlite<Total>(DatabasePath, table, options))
        {
            restarted.Open(Context(OutputMode.Update, queryId));
            restarted.AddBatch(1, [new Total("a", 2, 30)]);
            restarted.AddBatch(1, [new Total("a", 2, 30)]);
        }

        Assert.Equal([new Total("a", 2, 30)], ReadTotals(table));
        Assert.Equal(1L, ProgressBatch(queryId, table));
    }

    [Fact]
    public void The_progress_row_is_written_in_the_batch_transaction_so_a_failed_batch_leaves_neither_rows_nor_progress()
    {
        string table = NewTable();
        Guid queryId = Guid.NewGuid();
        using var sink = Sink.Sqlite<Total>(DatabasePath, table);
        sink.Open(Context(OutputMode.Update, queryId));
        sink.AfterRowsWritten = _ => throw new InvalidOperationException("injected before commit");

        var error = Assert.Throws<TableSinkException>(() => sink.AddBatch(0, [new Total("a", 1, 10)]));
        Assert.Contains("could not write batch 0: InvalidOperationException: injected before commit", error.Message);

        Assert.Empty(ReadTotals(table));
        Assert.Equal(-1L, ProgressBatch(queryId, table));
    }

    private long ProgressBatch(Guid queryId, string table)
    {
        using DbConnection connection = OpenConnection();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT batch_id FROM _compiled_progress WHERE query_id = '{queryId:D}' AND target_table = '{table}'";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
