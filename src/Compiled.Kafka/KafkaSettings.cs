using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>Builds librdkafka configurations from an option's own values plus the user's pass-through settings.</summary>
internal static class KafkaSettings
{
    /// <summary>Fails when <paramref name="settings"/> sets a key that has an option of its own.</summary>
    public static void CheckNotReserved(IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<string> reserved, string optionName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (string key in settings.Keys)
        {
            if (reserved.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"{optionName} sets '{key}', which the Kafka {(optionName.Contains("Sink", StringComparison.Ordinal) ? "sink" : "source")} controls itself; use the option of that name instead (or remove it).");
        }
    }

    /// <summary>Copies the pass-through settings into <paramref name="config"/>, then the fixed ones over them.</summary>
    public static T Build<T>(T config, string bootstrapServers, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> fixedSettings)
        where T : ClientConfig
    {
        foreach (var (key, value) in settings) config.Set(key, value);
        config.BootstrapServers = bootstrapServers;
        foreach (var (key, value) in fixedSettings) config.Set(key, value);
        return config;
    }
}
