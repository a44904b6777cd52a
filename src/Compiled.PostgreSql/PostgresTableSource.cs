using Compiled.Joins;
using Npgsql;

namespace Compiled.PostgreSql;

/// <summary>
/// The rows of a query over a PostgreSQL database, as the static side of a stream-static join: each load opens a
/// connection, runs <c>query</c> and maps every row with <c>read</c>.
/// </summary>
/// <remarks>
/// For <see cref="TableRefresh.WhenChanged"/> the change token is, by default, the server's current snapshot
/// (<c>pg_current_snapshot()</c>: the oldest running transaction id, the next one to be assigned and the ids still
/// running). A write commits in a transaction that was either running when the token was read (it then leaves the
/// list) or started later (the next id moves past it), so the token moves with every commit, also when an older
/// transaction commits after a younger one, which the next id alone would miss. It moves with writes anywhere in the
/// cluster, so the table is read again after every write on the server; reads alone never move it. Where other tables
/// change often, pass a <c>changeQuery</c> that returns one value which changes with the table, e.g.
/// <c>SELECT max(updated_at) FROM users</c>. The token is read before the rows, so a write between the two reads is
/// seen as a change at the next batch.
/// </remarks>
/// <typeparam name="T">The row type.</typeparam>
public sealed class PostgresTableSource<T> : IStaticTableSource<T>
{
    /// <summary>The default change query: the server's current snapshot (running transaction ids and the next one).</summary>
    public const string SnapshotQuery = "SELECT pg_current_snapshot()::text";

    private readonly string _connectionString;
    private readonly string _query;
    private readonly string _changeQuery;
    private readonly Func<NpgsqlDataReader, T> _read;
    private readonly string _database;

    /// <summary>Reads <paramref name="query"/>'s rows from the database of <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=db;Database=app;Username=reader</c>.</param>
    /// <param name="query">A SELECT, e.g. <c>SELECT id, name FROM users</c>.</param>
    /// <param name="read">Maps the current row of the reader to a <typeparamref name="T"/>.</param>
    /// <param name="changeQuery">A query returning one value that changes whenever the rows may have; by default <see cref="SnapshotQuery"/>.</param>
    public PostgresTableSource(string connectionString, string query, Func<NpgsqlDataReader, T> read, string? changeQuery = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(query);
        ArgumentNullException.ThrowIfNull(read);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The connection string of a PostgreSQL static table is not valid: {e.Message}", nameof(connectionString), e);
        }
        _connectionString = connectionString;
        _query = query;
        _changeQuery = changeQuery ?? SnapshotQuery;
        _read = read;
        _database = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    /// <inheritdoc />
    public string Description => _database + " (postgres: " + _query + ")";

    /// <inheritdoc />
    public IReadOnlyList<T> Load() => Run(_query, reader =>
    {
        var rows = new List<T>();
        while (reader.Read()) rows.Add(_read(reader));
        return rows;
    });

    /// <inheritdoc />
    public string? ChangeToken() => Run(_changeQuery, reader =>
        reader.Read() && reader.FieldCount > 0
            ? (reader.IsDBNull(0) ? "null" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"Change query '{_changeQuery}' of static table {Description} returned no row; it must return one value."));

    private TResult Run<TResult>(string sql, Func<NpgsqlDataReader, TResult> read)
    {
        try
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            using var reader = command.ExecuteReader();
            return read(reader);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidCastException)
        {
            // Connection refused, authentication, a bad query or a column of another type: a stale table would be a silent wrong join.
            throw new InvalidOperationException($"Static table query '{sql}' on PostgreSQL database {_database} failed: {e.Message}", e);
        }
    }
}
