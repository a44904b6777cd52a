using System.Data.Common;
using System.Linq.Expressions;
using Compiled.Sinks.Tables;
using Compiled.Tables.Testing;
using Npgsql;

namespace Compiled.PostgreSql.Tests;

/// <summary>The table-sink contract against a real PostgreSQL server started for these tests.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSinkTests(PostgresServerFixture fixture) : TableSinkContract
{
    protected override TableSink<T> CreateSink<T>(string table, TableSinkOptions? options = null) =>
        Sink.Postgres<T>(fixture.Server.ConnectionString, table, options);

    protected override TableSink<T> CreateSink<T, TKey>(string table, Expression<Func<T, TKey>> key) =>
        Sink.Postgres(fixture.Server.ConnectionString, table, key);

    protected override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(fixture.Server.ConnectionString);
        connection.Open();
        return connection;
    }

    protected override string CreateMismatchedTotalsTable(string table) =>
        $"CREATE TABLE \"{table}\" (\"Key\" text PRIMARY KEY, \"Count\" text NOT NULL, \"Sum\" bigint NOT NULL)";

    protected override (string Long, string Text) TypeNames => ("bigint", "text");

    [Fact]
    public void A_table_in_another_schema_is_created_there()
    {
        Execute("CREATE SCHEMA IF NOT EXISTS sinks");
        string table = NewTable();
        using (var sink = Sink.Postgres<Total>(fixture.Server.ConnectionString, "sinks." + table))
        {
            sink.Open(Context(OutputMode.Update, Guid.NewGuid()));
            sink.AddBatch(0, [new Total("a", 1, 2)]);
        }

        using DbConnection connection = OpenConnection();
        using DbCommand count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM sinks.\"{table}\"";
        Assert.Equal(1L, count.ExecuteScalar());
    }
}
