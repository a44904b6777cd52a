using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Compiled.Tables.Testing;

/// <summary>
/// A PostgreSQL server of its own for tests: <c>initdb</c> into a fresh directory under the temp path, then
/// <c>pg_ctl start</c> listening on 127.0.0.1 at a free port, with trust authentication for user <c>compiled</c>.
/// As root (CI), every server command runs as the <c>postgres</c> user through <c>runuser</c>, since PostgreSQL
/// refuses to run as root. Disposing stops the server and deletes the directory.
/// </summary>
/// <remarks>
/// The binaries come from Debian's <c>postgresql</c> package (<c>eng/install-prerequisites.sh</c>), found under
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>, or where <c>COMPILED_PG_BIN</c> points. A server whose test process died
/// without disposing it (killed, crashed) is stopped and deleted by the next <see cref="Start"/>: each directory
/// records the id of the process that owns it.
/// </remarks>
public sealed class PostgresTestServer : IDisposable
{
    private const string DirectoryPrefix = "compiled-pg-";
    private const string OwnerFile = "owner.pid";
    private const string ServerUser = "postgres";
    private const string DatabaseUser = "compiled";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _bin;
    private readonly bool _durable;
    private bool _running;

    private PostgresTestServer(string bin, string root, int port, bool durable)
    {
        _bin = bin;
        Root = root;
        Port = port;
        _durable = durable;
    }

    /// <summary>The server's directory (data directory, socket and log inside).</summary>
    public string Root { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string for database <c>postgres</c>.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={DatabaseUser};Database=postgres;Timeout=5;Command Timeout=60";

    private string DataDirectory => Path.Combine(Root, "data");

    private string LogFile => Path.Combine(Root, "server.log");

    /// <summary>Creates and starts a server.</summary>
    /// <param name="durable">Keep fsync on (benchmarks); tests turn it off, as they kill clients and the server, never the machine: a committed transaction is still in the WAL a restarted server replays.</param>
    public static PostgresTestServer Start(bool durable = false)
    {
        string bin = FindBinaries();
        StopAbandonedServers(bin);
        string root = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (IsRoot) Run("chown", ["-R", ServerUser + ":", root], asServerUser: false);
        var server = new PostgresTestServer(bin, root, FreePort(), durable);
        try
        {
            Run(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", DatabaseUser, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], asServerUser: true);
            server.StartServer();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port and data.</summary>
    public void StartServer()
    {
        string options = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {Root} -c listen_addresses=127.0.0.1 -c max_connections=200" +
            (_durable ? "" : " -c fsync=off");
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"], asServerUser: true);
        _running = true;
    }

    /// <summary>Stops the server at once (<c>-m immediate</c>: connections are cut, as in a crash of the server).</summary>
    public void Stop()
    {
        if (!_running) return;
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asServerUser: true);
        _running = false;
    }

    /// <summary>The server's log, for failure messages.</summary>
    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
    }

    private static bool IsRoot => geteuid() == 0;

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint geteuid();

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("COMPILED_PG_BIN") is { Length: > 0 } configured) return configured;
        const string debianRoot = "/usr/lib/postgresql";
        string? best = Directory.Exists(debianRoot)
            ? Directory.EnumerateDirectories(debianRoot)
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0)
                .FirstOrDefault()
            : null;
        return best is not null
            ? Path.Combine(best, "bin")
            : throw new InvalidOperationException(
                $"PostgreSQL's server binaries (initdb, pg_ctl) are not under {debianRoot}/<version>/bin. Run eng/install-prerequisites.sh (as root) to install Debian's postgresql package, or set COMPILED_PG_BIN.");
    }

    /// <summary>Stops and deletes servers whose owning process is gone (a test run that was killed).</summary>
    private static void StopAbandonedServers(string bin)
    {
        foreach (string root in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            string owner = Path.Combine(root, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || IsAlive(pid)) continue;
            string data = Path.Combine(root, "data");
            try
            {
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                    Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asServerUser: true);
            }
            catch (InvalidOperationException)
            {
                // Not running any more: only the directory is left.
            }
            Directory.Delete(root, recursive: true);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> args, bool asServerUser)
    {
        var start = new ProcessStartInfo(asServerUser && IsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServerUser && IsRoot)
        {
            foreach (string arg in (string[])["-u", ServerUser, "--", program]) start.ArgumentList.Add(arg);
        }
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{program}'.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{program} {string.Join(' ', args)}' did not finish within {CommandTimeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', args)}' failed with exit code {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }
}
