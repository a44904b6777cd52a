namespace Compiled.Package.Tests;

/// <summary>
/// Packs src/Compiled once per test run, with a version no earlier run used, into a feed in a temporary
/// folder outside the repository, and restores one <see cref="ConsumerProject"/> against it.
/// </summary>
/// <remarks>
/// The pack builds into its own artifacts folder, never the repository's bin/obj, so it cannot race with a
/// build of the solution running beside the tests. Set COMPILED_KEEP_PACKAGE_TESTS=1 to keep the folder for
/// inspection after a failure.
/// </remarks>
public sealed class PackageFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(5);

    private ConsumerProject? _consumer;

    /// <summary>The temporary folder holding the feed, the build artifacts, the packages folder and the consumer.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "compiled-package-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Unique per run (the letter keeps the prerelease label valid SemVer whatever the digits).</summary>
    public string Version { get; } = $"0.0.0-test.t{Guid.NewGuid():N}";

    /// <summary>The repository that holds Compiled.sln.</summary>
    public string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The .nupkg produced by <c>dotnet pack</c>.</summary>
    public string PackagePath => Path.Combine(Root, "feed", $"Compiled.{Version}.nupkg");

    /// <summary>How long <c>dotnet pack</c> took.</summary>
    public TimeSpan PackDuration { get; private set; }

    /// <summary>The restored consumer project.</summary>
    internal ConsumerProject Consumer => _consumer ?? throw new InvalidOperationException("the fixture is not initialised");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        string feed = Path.Combine(Root, "feed");
        ProcessResult pack = await DotnetCli.RunAsync(
            [
                "pack", Path.Combine(RepositoryRoot, "src", "Compiled", "Compiled.csproj"),
                "-c", "Debug",
                "-o", feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"),
                $"-p:PackageVersion={Version}",
                "--disable-build-servers",
            ],
            RepositoryRoot,
            s_packTimeout);
        PackDuration = pack.Duration;
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
            throw new InvalidOperationException($"dotnet pack src/Compiled did not produce {PackagePath}: {pack}");

        _consumer = await ConsumerProject.CreateAsync(Path.Combine(Root, "consumer"), feed, Version, Path.Combine(Root, "packages"));
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("COMPILED_KEEP_PACKAGE_TESTS") != "1" && Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiled.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Compiled.sln in {AppContext.BaseDirectory} or any folder above it");
    }
}
