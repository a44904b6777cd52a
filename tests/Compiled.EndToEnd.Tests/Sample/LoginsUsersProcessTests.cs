using System.Globalization;
using System.Text.Json;
using Compiled.EndToEnd.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>
/// The LoginsUsers sample run as a process, on its bundled files and on a user's logins and SQLite database: what it
/// prints is the left outer join of the logins with the users table, worked out here with LINQ (NULL for an unknown user).
/// </summary>
public sealed class LoginsUsersProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed record Login(string UserId, DateTime Time, string Ip);

    private static string BundledData => Path.Combine(Path.GetDirectoryName(SampleApp.LoginsUsers.DllPath)!, "data");

    [Fact]
    public async Task Bundled_files_print_the_left_outer_join()
    {
        var result = await SampleApp.LoginsUsers.RunAsync("--trigger", "available-now", "--checkpoint", _dir.Combine("checkpoint"), "--rows", "100");
        Assert.True(result.ExitCode == 0, result.ToString());

        var users = File.ReadLines(Path.Combine(BundledData, "users.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => (Name: f[1], Country: f[2]));
        var logins = Directory.GetFiles(Path.Combine(BundledData, "logins")).SelectMany(ReadLogins).ToList();
        Assert.Contains(logins, l => !users.ContainsKey(l.UserId));
        Assert.Equal(Expected(logins, users), Printed(result));
    }

    [Fact]
    public async Task A_users_own_files_and_database_continue_on_the_checkpoint_with_the_table_read_again()
    {
        string logins = _dir.Combine("logins"), database = _dir.Combine("users.db"), checkpoint = _dir.Combine("checkpoint");
        Directory.CreateDirectory(logins);
        WriteUsers(database, ("a", "Ada", "UK"), ("b", "Ben", "US"));
        WriteLogins(Path.Combine(logins, "1.json"), ("a", 0), ("c", 1), ("b", 2));
        var first = await RunAsync(logins, database, checkpoint);
        Assert.True(first.ExitCode == 0, first.ToString());

        WriteUsers(database, ("a", "Ada", "UK"), ("b", "Ben", "CA"), ("c", "Cy", "NZ"));
        WriteLogins(Path.Combine(logins, "2.json"), ("c", 3), ("b", 4), ("d", 5));
        var second = await RunAsync(logins, database, checkpoint);
        Assert.True(second.ExitCode == 0, second.ToString());

        var before = new Dictionary<string, (string, string)> { ["a"] = ("Ada", "UK"), ["b"] = ("Ben", "US") };
        var after = new Dictionary<string, (string, string)> { ["a"] = ("Ada", "UK"), ["b"] = ("Ben", "CA"), ["c"] = ("Cy", "NZ") };
        Assert.Equal(Expected(ReadLogins(Path.Combine(logins, "1.json")), before), Printed(first));
        Assert.Equal(Expected(ReadLogins(Path.Combine(logins, "2.json")), after), Printed(second));
        Assert.True(ConsoleBatches.Parse(second.StandardOutput)[0].BatchId > ConsoleBatches.Parse(first.StandardOutput)[^1].BatchId,
            "the second run should continue the first's batch ids");
    }

    [Fact]
    public async Task A_missing_database_or_a_bad_option_is_named()
    {
        var missing = await SampleApp.LoginsUsers.RunAsync("--users", _dir.Combine("none.db"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--users", missing.StandardError, StringComparison.Ordinal);
        Assert.Contains("none.db", missing.StandardError, StringComparison.Ordinal);

        var badRefresh = await SampleApp.LoginsUsers.RunAsync("--refresh", "sometimes");
        Assert.Equal(2, badRefresh.ExitCode);
        Assert.Contains("--refresh: 'sometimes'", badRefresh.StandardError, StringComparison.Ordinal);
    }

    private Task<ProcessResult> RunAsync(string logins, string database, string checkpoint) => SampleApp.LoginsUsers.RunAsync(
        "--logins", logins, "--users", database, "--refresh", "when-changed", "--checkpoint", checkpoint, "--trigger", "available-now", "--rows", "100");

    private static List<Login> ReadLogins(string file) =>
        File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Login>(l)!).ToList();

    private static List<string> Expected(IEnumerable<Login> logins, IReadOnlyDictionary<string, (string Name, string Country)> users) => logins
        .Select(l => users.TryGetValue(l.UserId, out var u)
            ? Row(l.UserId, l.Time, u.Name, u.Country)
            : Row(l.UserId, l.Time, "NULL", "NULL"))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static List<string> Printed(ProcessResult result) => ConsoleBatches.Parse(result.StandardOutput)
        .SelectMany(b => b.Rows)
        .Select(cells => string.Join("|", cells))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Row(string user, DateTime time, string name, string country) =>
        string.Join("|", user, time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), name, country);

    private static void WriteUsers(string path, params (string Id, string Name, string Country)[] users)
    {
        using var connection = new SqliteConnection("Data Source=" + path + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL); DELETE FROM users;";
        command.ExecuteNonQuery();
        foreach (var (id, name, country) in users)
        {
            command.CommandText = "INSERT INTO users VALUES ($id, $name, $country)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$country", country);
            command.ExecuteNonQuery();
        }
    }

    private static void WriteLogins(string path, params (string User, int Minute)[] logins) => File.WriteAllLines(path, logins.Select(l =>
        $"{{\"UserId\":\"{l.User}\",\"Time\":\"2026-01-01T10:{l.Minute:D2}:00Z\",\"Ip\":\"10.0.0.{l.Minute}\"}}"));
}
