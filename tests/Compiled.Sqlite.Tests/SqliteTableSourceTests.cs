using Compiled.Sqlite;
using Microsoft.Data.Sqlite;

namespace Compiled.Sqlite.Tests;

/// <summary>A real SQLite file as the static side of a join: loading, refresh after a commit, and errors that name the database.</summary>
public sealed class SqliteTableSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compiled-sqlite-table-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed record User(string Id, string Name);

    private string Database(params (string Id, string Name)[] users)
    {
        string path = Path.Combine(_directory, "users.db");
        using var connection = new SqliteConnection("Data Source=" + path + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL); DELETE FROM users;";
        command.ExecuteNonQuery();
        foreach (var (id, name) in users)
        {
            command.CommandText = "INSERT INTO users VALUES ($id, $name)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$name", name);
            command.ExecuteNonQuery();
        }
        return path;
    }

    private static SqliteTableSource<User> Users(string path) =>
        new(path, "SELECT id, name FROM users ORDER BY id", r => new User(r.GetString(0), r.GetString(1)));

    [Fact]
    public void Rows_are_read_and_reread_when_the_database_changed()
    {
        string path = Database(("u1", "Ann"), ("u2", "Bob"));
        var table = StaticTable<User>.From(Users(path), TableRefresh.WhenChanged);
        var first = table.RowsForBatch(out long v1);
        Assert.Equal([new User("u1", "Ann"), new User("u2", "Bob")], first);
        table.RowsForBatch(out long unchanged);
        Assert.Equal(v1, unchanged);

        Database(("u1", "Ann"), ("u3", "Cid"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var second = table.RowsForBatch(out long v2);
        Assert.NotEqual(v1, v2);
        Assert.Equal([new User("u1", "Ann"), new User("u3", "Cid")], second);
    }

    [Fact]
    public void A_table_loaded_at_start_keeps_its_rows()
    {
        string path = Database(("u1", "Ann"));
        var table = StaticTable<User>.From(Users(path));
        Assert.Single(table.RowsForBatch(out _));
        Database(("u1", "Ann"), ("u2", "Bob"));
        Assert.Single(table.RowsForBatch(out _));
    }

    [Fact]
    public void A_bad_query_or_a_missing_file_names_the_database()
    {
        string path = Database(("u1", "Ann"));
        var bad = StaticTable<User>.From(new SqliteTableSource<User>(path, "SELECT nope FROM users", r => new User("", "")));
        var error = Assert.Throws<InvalidOperationException>(() => bad.RowsForBatch(out _));
        Assert.Contains("users.db", error.Message, StringComparison.Ordinal);
        Assert.Contains("SELECT nope", error.Message, StringComparison.Ordinal);

        var missing = StaticTable<User>.From(Users(Path.Combine(_directory, "none.db")));
        var notFound = Assert.Throws<IOException>(() => missing.RowsForBatch(out _));
        Assert.Contains("none.db", notFound.Message, StringComparison.Ordinal);
    }
}
