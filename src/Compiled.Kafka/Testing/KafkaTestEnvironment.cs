namespace Compiled.Kafka.Testing;

/// <summary>
/// Names the real Kafka cluster that integration tests may run against, taken from the environment
/// variable <see cref="BootstrapVariable"/>. No broker can be installed on the build machines, so
/// tests use <see cref="KafkaMockCluster"/> by default and repeat against a real cluster only when
/// one is named here.
/// </summary>
public static class KafkaTestEnvironment
{
    /// <summary>Environment variable holding a real cluster's bootstrap servers (<c>host:port[,host:port...]</c>).</summary>
    public const string BootstrapVariable = "COMPILED_KAFKA_BOOTSTRAP";

    /// <summary>The real cluster's bootstrap servers, or null when <see cref="BootstrapVariable"/> is unset or blank.</summary>
    public static string? RealBootstrapServers => ParseBootstrapServers(Environment.GetEnvironmentVariable(BootstrapVariable));

    /// <summary>Why tests that need a real cluster are skipped, for test runners to show.</summary>
    public static string SkipReason =>
        $"{BootstrapVariable} is not set: no real Kafka cluster to test against (the mock cluster variant still runs).";

    /// <summary>Normalises the variable's value: trimmed, null when blank; rejects malformed entries.</summary>
    /// <exception cref="FormatException">An entry is not <c>host:port</c> with a port in 1..65535.</exception>
    internal static string? ParseBootstrapServers(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        string[] entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (string entry in entries)
        {
            int colon = entry.LastIndexOf(':');
            bool valid = colon > 0
                && int.TryParse(entry.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out int port)
                && port is >= 1 and <= 65535;
            if (!valid)
            {
                throw new FormatException(
                    $"{BootstrapVariable}='{value}': entry '{entry}' is not host:port with a port in 1..65535.");
            }
        }
        return string.Join(",", entries);
    }
}
