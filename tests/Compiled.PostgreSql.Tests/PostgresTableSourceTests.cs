using Compiled.Tables.Testing;
using Npgsql;

namespace Compiled.PostgreSql.Tests;

/// <summary>
/// A real PostgreSQL table as the static side of a join: loading, refresh after a commit (and not without one), a
/// user's change query, errors that name the database and the query, and a generated query joining it batch by batch.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTableSourceTests(PostgresServerFixture fixture)
{
    private readonly string _table = "users_" + Guid.NewGuid().ToString("N")[..12];

    private string ConnectionString => fixture.Server.ConnectionString;

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private void Users(params (string Id, string Country)[] users)
    {
        Execute($"CREATE TABLE IF NOT EXISTS {_table} (id text PRIMARY KEY, country text NOT NULL, updated timestamptz NOT NULL DEFAULT now()); DELETE FROM {_table};");
        foreach (var (id, country) in users) Execute($"INSERT INTO {_table} (id, country) VALUES ('{id}', '{country}')");
    }

    private PostgresTableSource<Account> Source(string? changeQuery = null) =>
        new(ConnectionString, $"SELECT id, country FROM {_table} ORDER BY id", r => new Account(r.GetString(0), r.GetString(1)), changeQuery);

    [Fact]
    public void Rows_are_read_again_after_a_commit_and_not_without_one()
    {
        Users(("u1", "FR"), ("u2", "DE"));
        var table = StaticTable<Account>.From(Source(), TableRefresh.WhenChanged);
        Assert.Equal([new Account("u1", "FR"), new Account("u2", "DE")], table.RowsForBatch(out long v1));
        Assert.Equal([new Account("u1", "FR"), new Account("u2", "DE")], table.RowsForBatch(out long unchanged));
        Assert.Equal(v1, unchanged);

        Execute($"UPDATE {_table} SET country = 'IT' WHERE id = 'u2'");
        Assert.Equal([new Account("u1", "FR"), new Account("u2", "IT")], table.RowsForBatch(out long v2));
        Assert.NotEqual(v1, v2);
    }

    [Fact]
    public void A_transaction_that_commits_after_a_younger_one_is_still_seen()
    {
        Users(("u1", "FR"), ("u2", "DE"));
        var table = StaticTable<Account>.From(Source(), TableRefresh.WhenChanged);
        using var older = new NpgsqlConnection(ConnectionString);
        older.Open();
        using var transaction = older.BeginTransaction();
        using (var update = new NpgsqlCommand($"UPDATE {_table} SET country = 'NL' WHERE id = 'u1'", older, transaction)) update.ExecuteNonQuery();

        // A younger transaction (a larger id) commits first and the table is read; then the older one commits. The latest
        // completed transaction id does not move (the older id is smaller), so a token made of it alone would miss this.
        Execute($"UPDATE {_table} SET country = 'IT' WHERE id = 'u2'");
        Assert.Equal([new Account("u1", "FR"), new Account("u2", "IT")], table.RowsForBatch(out long before));
        transaction.Commit();
        Assert.Equal([new Account("u1", "NL"), new Account("u2", "IT")], table.RowsForBatch(out long after));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_table_loaded_at_start_keeps_its_rows()
    {
        Users(("u1", "FR"));
        var table = StaticTable<Account>.From(Source());
        Assert.Single(table.RowsForBatch(out _));
        Execute($"INSERT INTO {_table} (id, country) VALUES ('u2', 'DE')");
        Assert.Single(table.RowsForBatch(out _));
    }

    [Fact]
    public void A_change_query_ignores_writes_to_other_tables()
    {
        Users(("u1", "FR"));
        var table = StaticTable<Account>.From(Source($"SELECT count(*)::text || max(updated)::text FROM {_table}"), TableRefresh.WhenChanged);
        table.RowsForBatch(out long v1);
        Execute("CREATE TABLE IF NOT EXISTS unrelated (n int); INSERT INTO unrelated VALUES (1)");
        table.RowsForBatch(out long afterOtherWrite);
        Assert.Equal(v1, afterOtherWrite);

        Execute($"INSERT INTO {_table} (id, country) VALUES ('u2', 'DE')");
        Assert.Equal(2, table.RowsForBatch(out long v2).Length);
        Assert.NotEqual(v1, v2);
    }

    [Fact]
    public void A_bad_query_or_an_unreachable_server_names_the_database_and_the_query()
    {
        Users(("u1", "FR"));
        var bad = StaticTable<Account>.From(new PostgresTableSource<Account>(ConnectionString, $"SELECT nope FROM {_table}", r => new Account("", "")));
        var error = Assert.Throws<InvalidOperationException>(() => bad.RowsForBatch(out _));
        Assert.Contains("SELECT nope", error.Message, StringComparison.Ordinal);
        Assert.Contains($":{fixture.Server.Port}/", error.Message, StringComparison.Ordinal);

        var wrongType = StaticTable<Account>.From(new PostgresTableSource<Account>(ConnectionString, $"SELECT 1, 2", r => new Account(r.GetString(0), "")));
        Assert.Contains("SELECT 1, 2", Assert.Throws<InvalidOperationException>(() => wrongType.RowsForBatch(out _)).Message, StringComparison.Ordinal);

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Port = 1, Timeout = 2 };
        var unreachable = StaticTable<Account>.From(new PostgresTableSource<Account>(builder.ConnectionString, "SELECT 1", r => new Account("", "")));
        var refused = Assert.Throws<InvalidOperationException>(() => unreachable.RowsForBatch(out _));
        Assert.Contains(":1/", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(builder.Password ?? "\u0000", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_join_reads_the_table_again_between_batches()
    {
        Users(("u1", "FR"), ("u2", "DE"));
        var users = StaticTable<Account>.From(Source(), TableRefresh.WhenChanged);
        var logins = Compiled.Source.Memory<Login>();
        var sink = Sink.Memory<LoginCountry>();
        using var checkpoint = new TempCheckpoint();
        var query = LoginCountries.Start(logins, users, sink, new QueryOptions { CheckpointLocation = checkpoint.Path });
        try
        {
            Login[] first = [new("u1", 1), new("u3", 2), new("u2", 3)];
            logins.AddData(first);
            await query.ProcessAllAvailableAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Execute($"INSERT INTO {_table} (id, country) VALUES ('u3', 'ES'); UPDATE {_table} SET country = 'AT' WHERE id = 'u2'");
            Login[] second = [new("u3", 4), new("u2", 5), new("u4", 6)];
            logins.AddData(second);
            await query.ProcessAllAvailableAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await query.StopAsync();
        }

        // Each batch joined with the table as it was before that batch, left outer: a user not in it gets null.
        var before = new Dictionary<string, string> { ["u1"] = "FR", ["u2"] = "DE" };
        var after = new Dictionary<string, string> { ["u1"] = "FR", ["u2"] = "AT", ["u3"] = "ES" };
        var expected = new[] { new Login("u1", 1), new("u3", 2), new("u2", 3) }.Select(l => new LoginCountry(l.User, l.Time, before.GetValueOrDefault(l.User)))
            .Concat(new[] { new Login("u3", 4), new("u2", 5), new("u4", 6) }.Select(l => new LoginCountry(l.User, l.Time, after.GetValueOrDefault(l.User))));
        Assert.Equal(expected.OrderBy(r => r.Time), sink.Rows.OrderBy(r => r.Time));
    }

    /// <summary>A checkpoint directory deleted afterwards.</summary>
    private sealed class TempCheckpoint : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("compiled-pg-static-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
