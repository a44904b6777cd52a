using Compiled;
using Compiled.Samples;
using Compiled.Sqlite;
using LoginsUsers;
using Microsoft.Data.Sqlite;

const string Usage = """
    usage: LoginsUsers [--logins DIR] [--users FILE.db] [--refresh at-start|when-changed] [--checkpoint DIR]
                       [--trigger default|available-now|once|processing-time:<interval>] [--rows N]

      --logins DIR     directory of JSON-lines login files (default: the bundled files)
      --users FILE.db  SQLite database with a table users(id, name, country) (default: a new database in a temporary
                       directory, filled with the bundled users)
      --refresh R      at-start (default) reads the table once; when-changed reads it again before a batch when the
                       database file changed
      --checkpoint DIR, --trigger T, --rows N   as in the other samples
    """;

string logins = Path.Combine(AppContext.BaseDirectory, "data", "logins");
string? usersDb = null, checkpoint = null;
var refresh = TableRefresh.AtStart;
var trigger = Trigger.Default;
int rows = 20;
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string option = args[i];
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {option} needs a value");
        switch (option)
        {
            case "--logins": logins = Value(); break;
            case "--users": usersDb = Value(); break;
            case "--refresh":
                string text = Value();
                refresh = text switch
                {
                    "at-start" => TableRefresh.AtStart,
                    "when-changed" => TableRefresh.WhenChanged,
                    _ => throw new ArgumentException($"--refresh: '{text}' is not one of at-start, when-changed"),
                };
                break;
            case "--checkpoint": checkpoint = Value(); break;
            case "--trigger": trigger = SampleOptions.ParseTrigger(Value()); break;
            case "--rows": rows = SampleOptions.PositiveInt(option, Value()); break;
            default: throw new ArgumentException($"unknown option '{option}'");
        }
    }
    if (!Directory.Exists(logins)) throw new ArgumentException($"--logins: directory '{Path.GetFullPath(logins)}' does not exist");
    if (usersDb is not null && !File.Exists(usersDb)) throw new ArgumentException($"--users: database '{Path.GetFullPath(usersDb)}' does not exist");
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"LoginsUsers: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}

string? bundled = usersDb is null ? BundledUsers() : null;
usersDb ??= bundled!;
var users = StaticTable<User>.From(
    new SqliteTableSource<User>(usersDb, "SELECT id, name, country FROM users", r => new User(r.GetString(0), r.GetString(1), r.GetString(2))),
    refresh);
var options = new QueryOptions { CheckpointLocation = checkpoint, Trigger = trigger, Listeners = [ConsoleProgress.Create()] };
int exitCode = await SampleHost.RunAsync("LoginsUsers", () =>
    LoginsWithUsers.Start(Source.JsonFiles<Login>(logins), users, Sink.Console<LoginUser>(new() { NumRows = rows }), options));
if (bundled is not null) Directory.Delete(Path.GetDirectoryName(bundled)!, recursive: true);
return exitCode;

// A users database in a temporary directory, from the bundled users.csv.
static string BundledUsers()
{
    string path = Path.Combine(Directory.CreateTempSubdirectory("logins-users-").FullName, "users.db");
    using var connection = new SqliteConnection("Data Source=" + path + ";Pooling=False");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL)";
    command.ExecuteNonQuery();
    foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "users.csv")).Skip(1))
    {
        string[] fields = line.Split(',');
        command.CommandText = "INSERT INTO users VALUES ($id, $name, $country)";
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$id", fields[0]);
        command.Parameters.AddWithValue("$name", fields[1]);
        command.Parameters.AddWithValue("$country", fields[2]);
        command.ExecuteNonQuery();
    }
    return path;
}
