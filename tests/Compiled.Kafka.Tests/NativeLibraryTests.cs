using Confluent.Kafka;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Confluent.Kafka finds the official librdkafka.redist on its own: the package's
/// runtimes/linux-x64/native builds are copied into bin/ and one of them is loaded from there, with no
/// path set by hand and no system copy involved.
/// </summary>
public sealed class NativeLibraryTests
{
    private const int ExpectedVersion = 0x021000ff; // 2.16.0, final release

    [Fact]
    public void LoadsLibrdkafka2160FromTheTestOutputFolder()
    {
        Assert.Equal("2.16.0", Library.VersionString);
        Assert.Equal(ExpectedVersion, Library.Version);

        // The package ships several builds for linux-x64 (glibc, centos8, alpine); Confluent.Kafka picks one by platform.
        string nativeFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"));
        Assert.Equal(nativeFolder, Path.GetDirectoryName(LoadedLibrary()));
    }

    [Fact]
    public void The_sources_own_binding_calls_the_library_Confluent_loaded()
    {
        string confluents = LoadedLibrary();

        Assert.Equal(Library.Version, Native.KafkaConsumerQueue.BoundVersion);
        Assert.Equal(confluents, LoadedLibrary());
    }

    /// <summary>The one librdkafka mapped into this process (two would mean two copies with separate globals).</summary>
    private static string LoadedLibrary()
    {
        _ = Library.Version;
        string[] loaded = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).Contains("librdkafka", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToArray();
        return Assert.Single(loaded);
    }
}
