namespace Compiled.Package.Tests;

/// <summary>
/// A throw-away console app that references the Compiled package from a local feed, as a user's project
/// would. Restored once; each build replaces its C# files, so the tests share one restore.
/// </summary>
/// <remarks>Not thread-safe: builds of one instance must not overlap (the tests run in one collection).</remarks>
internal sealed class ConsumerProject
{
    private const string ProjectName = "Consumer";
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, string?> _environment;

    private ConsumerProject(string directory, string packagesFolder)
    {
        Directory = directory;
        // A private global packages folder: a package of the same version restored earlier can never
        // stand in for the one just packed, and nothing is left in the user's folder.
        _environment = new() { ["NUGET_PACKAGES"] = packagesFolder };
    }

    /// <summary>The project's folder, outside the repository.</summary>
    public string Directory { get; }

    /// <summary>
    /// Writes the project next to its own nuget.config and Directory.* files (so nothing from folders above
    /// it, such as a repository's central package management, leaks in) and restores it.
    /// </summary>
    public static async Task<ConsumerProject> CreateAsync(string directory, string feed, string packageVersion, string packagesFolder)
    {
        System.IO.Directory.CreateDirectory(directory);
        Write(directory, "nuget.config", ConsumerFiles.NuGetConfig(feed));
        Write(directory, "Directory.Build.props", ConsumerFiles.EmptyProject);
        Write(directory, "Directory.Build.targets", ConsumerFiles.EmptyProject);
        Write(directory, "Directory.Packages.props", ConsumerFiles.NoCentralPackageManagement);
        Write(directory, ProjectName + ".csproj", ConsumerFiles.Project(packageVersion));

        var consumer = new ConsumerProject(directory, packagesFolder);
        ProcessResult restore = await DotnetCli.RunAsync(["restore", "--disable-build-servers"], directory, s_buildTimeout, consumer._environment);
        if (restore.ExitCode != 0) throw new InvalidOperationException($"restoring the consumer project {directory} failed: {restore}");
        return consumer;
    }

    /// <summary>
    /// Replaces the project's C# files with <paramref name="sources"/> (file name → text) and builds it, with
    /// <paramref name="arguments"/> added to <c>dotnet build</c>.
    /// </summary>
    public Task<ProcessResult> BuildAsync(IReadOnlyDictionary<string, string> sources, params string[] arguments)
    {
        foreach (string old in System.IO.Directory.GetFiles(Directory, "*.cs")) File.Delete(old);
        foreach (var (name, text) in sources) Write(Directory, name, text);
        return DotnetCli.RunAsync(["build", "--no-restore", "--disable-build-servers", .. arguments], Directory, s_buildTimeout, _environment);
    }

    /// <summary>Runs the program built last with <paramref name="arguments"/>.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments)
    {
        string program = Path.Combine(Directory, "bin", "Debug", "net10.0", ProjectName + ".dll");
        return DotnetCli.RunAsync([program, .. arguments], Directory, s_runTimeout, _environment);
    }

    private static void Write(string directory, string name, string text) => File.WriteAllText(Path.Combine(directory, name), text);
}
