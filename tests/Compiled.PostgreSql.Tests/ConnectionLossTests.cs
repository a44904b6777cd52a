using Compiled.Sinks;
using Compiled.Sinks.Tables;
using Compiled.Tables.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Compiled.PostgreSql.Tests;

/// <summary>
/// The connection is lost in the middle of a batch, for real: the sink's backend is terminated with
/// <c>pg_terminate_backend</c>, or the whole server is stopped (<c>pg_ctl stop -m immediate</c>), after the rows are
/// written and before the commit. Within the retry budget the batch completes exactly once; beyond it the query
/// fails naming the sink, the batch and the cause, and a restart completes the batch exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionLossTests(PostgresServerFixture fixture)
{
    private PostgresTestServer Server => fixture.Server;

    [Fact]
    public void A_backend_terminated_mid_batch_is_retried_on_a_new_connection_and_the_batch_is_written_once()
    {
        string table = Table();
        string application = "sink-" + Guid.NewGuid().ToString("N")[..8];
        using var sink = Sink.Postgres<Total>(Server.ConnectionString + ";Application Name=" + application, table, Fast(TimeSpan.FromSeconds(20)));
        sink.Open(Context(Guid.NewGuid()));
        sink.AddBatch(0, [new Total("a", 1, 1), new Total("b", 1, 2)]);
        int terminated = 0;
        sink.AfterRowsWritten = _ =>
        {
            if (terminated++ == 0) Assert.Equal(1, TerminateBackends(application));
        };

        sink.AddBatch(1, [new Total("a", 2, 11), new Total("c", 1, 5)]);

        Assert.Equal(2, terminated);   // the first attempt died before its commit, the second committed
        Assert.Equal([new Total("a", 2, 11), new Total("b", 1, 2), new Total("c", 1, 5)], ReadTotals(table));
    }

    [Fact]
    public async Task A_server_restarted_mid_batch_within_the_budget_gets_the_batch_once()
    {
        string table = Table();
        using var sink = Sink.Postgres<Total>(Server.ConnectionString, table, Fast(TimeSpan.FromSeconds(60)));
        sink.Open(Context(Guid.NewGuid()));
        Task? restart = null;
        sink.AfterRowsWritten = _ =>
        {
            if (restart is not null) return;
            Server.Stop();
            restart = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                Server.StartServer();
            });
        };

        try
        {
            sink.AddBatch(0, [new Total("a", 1, 1)]);
        }
        finally
        {
            if (restart is not null) await restart;
        }

        Assert.Equal([new Total("a", 1, 1)], ReadTotals(table));
    }

    [Fact]
    public async Task A_server_down_beyond_the_budget_fails_naming_the_sink_the_batch_and_the_cause_and_a_restart_completes_the_batch_once()
    {
        string table = Table();
        Guid queryId = Guid.NewGuid();
        TableSinkOptions options = Fast(TimeSpan.FromSeconds(1));
        using (var sink = Sink.Postgres<Total>(Server.ConnectionString, table, options))
        {
            sink.Open(Context(queryId));
            sink.AddBatch(0, [new Total("a", 1, 1)]);
            sink.AfterRowsWritten = _ => Server.Stop();
            try
            {
                var error = Assert.Throws<TableSinkException>(() => sink.AddBatch(1, [new Total("a", 2, 3)]));
                Assert.Contains($"PostgresSink[127.0.0.1:{Server.Port}/postgres:{table}] could not write batch 1 within its retry budget of 1 s", error.Message);
                Assert.Contains("A restart of the query completes the batch exactly once", error.Message);
                Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
            }
            finally
            {
                Server.StartServer();
            }
        }
        using (var restarted = Sink.Postgres<Total>(Server.ConnectionString, table, options))
        {
            restarted.Open(Context(queryId));
            restarted.AddBatch(1, [new Total("a", 2, 3)]);
            restarted.AddBatch(1, [new Total("a", 2, 3)]);
        }

        Assert.Equal([new Total("a", 2, 3)], ReadTotals(table));
        await Task.CompletedTask;
    }

    private static TableSinkOptions Fast(TimeSpan budget) =>
        new() { RetryBudget = budget, InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(500) };

    private static SinkContext Context(Guid queryId) => new(queryId, "LossTest", OutputMode.Update, Path.GetTempPath(), NullLogger.Instance);

    private static string Table() => "loss_" + Guid.NewGuid().ToString("N")[..12];

    private int TerminateBackends(string application)
    {
        using var connection = new NpgsqlConnection(Server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @a", connection);
        command.Parameters.AddWithValue("a", application);
        return (int)(long)command.ExecuteScalar()!;
    }

    private List<Total> ReadTotals(string table)
    {
        using var connection = new NpgsqlConnection(Server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT \"Key\", \"Count\", \"Sum\" FROM \"{table}\" ORDER BY \"Key\"", connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new List<Total>();
        while (reader.Read()) rows.Add(new Total(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return rows;
    }
}
