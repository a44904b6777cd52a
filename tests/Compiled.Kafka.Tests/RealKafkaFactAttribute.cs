using Compiled.Kafka.Testing;

namespace Compiled.Kafka.Tests;

/// <summary>
/// A fact that runs only when <see cref="KafkaTestEnvironment.BootstrapVariable"/> names a real Kafka
/// cluster, and is reported as skipped, with the reason, otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealKafkaFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no real cluster is configured.</summary>
    public RealKafkaFactAttribute()
    {
        if (KafkaTestEnvironment.RealBootstrapServers is null)
        {
            Skip = KafkaTestEnvironment.SkipReason;
        }
    }
}
