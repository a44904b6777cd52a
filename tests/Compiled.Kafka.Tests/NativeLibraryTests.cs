using Confluent.Kafka;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Confluent.Kafka finds the librdkafka built by eng/build-librdkafka.sh on its own: the package's
/// runtimes/linux-x64/native/librdkafka.so is copied into bin/ and loaded from there, with no
/// path set by hand and no system copy involved.
/// </summary>
public sealed class NativeLibraryTests
{
    private const int ExpectedVersion = 0x020f01ff; // 2.15.1, final release

    [Fact]
    public void LoadsLibrdkafka2151FromTheTestOutputFolder()
    {
        Assert.Equal("2.15.1", Library.VersionString);
        Assert.Equal(ExpectedVersion, Library.Version);

        string expectedPath = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "librdkafka.so");
        Assert.True(File.Exists(expectedPath), $"{expectedPath} was not copied to the output folder");
        string[] loaded = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("librdkafka", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToArray();
        Assert.Equal([Path.GetFullPath(expectedPath)], loaded);
    }
}
