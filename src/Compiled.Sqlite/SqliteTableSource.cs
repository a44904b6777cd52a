using System.Globalization;
using Compiled.Joins;
using Microsoft.Data.Sqlite;

namespace Compiled.Sqlite;

/// <summary>
/// The rows of a query over a SQLite database, as the static side of a stream-static join: each load opens the file
/// read-only, runs <c>query</c> and maps every row with <c>read</c>. The change token is the database file's (and its
/// write-ahead log's) length and write time, so <see cref="TableRefresh.WhenChanged"/> reloads after a commit.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class SqliteTableSource<T> : IStaticTableSource<T>
{
    private readonly string _path;
    private readonly string _query;
    private readonly Func<SqliteDataReader, T> _read;

    /// <summary>Reads <paramref name="query"/>'s rows from the database file <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The SQLite database file; it must exist.</param>
    /// <param name="query">A SELECT, e.g. <c>SELECT id, name FROM users</c>.</param>
    /// <param name="read">Maps the current row of the reader to a <typeparamref name="T"/>.</param>
    public SqliteTableSource(string databasePath, string query, Func<SqliteDataReader, T> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentException.ThrowIfNullOrEmpty(query);
        ArgumentNullException.ThrowIfNull(read);
        _path = Path.GetFullPath(databasePath);
        _query = query;
        _read = read;
    }

    /// <inheritdoc />
    public string Description => _path + " (sqlite: " + _query + ")";

    /// <inheritdoc />
    public IReadOnlyList<T> Load()
    {
        if (!File.Exists(_path))
            throw new FileNotFoundException($"SQLite database '{_path}' of a static table does not exist; create it or pass the right path.", _path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _query;
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(_read(reader));
            return rows;
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"Static table query '{_query}' on SQLite database '{_path}' failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public string? ChangeToken()
    {
        string token = Stamp(_path);
        return token + "|" + Stamp(_path + "-wal");
    }

    private static string Stamp(string file)
    {
        var info = new FileInfo(file);
        return info.Exists
            ? info.Length.ToString(CultureInfo.InvariantCulture) + ":" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)
            : "-";
    }
}
