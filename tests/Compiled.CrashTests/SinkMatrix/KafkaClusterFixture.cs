using Compiled.Kafka.Testing;

namespace Compiled.CrashTests.SinkMatrix;

/// <summary>
/// A librdkafka mock cluster for the Kafka sink's crash matrix. It lives in the test process: the mock's brokers die
/// with the process that creates them, and the host process is the one being killed.
/// </summary>
public sealed class KafkaClusterFixture : IDisposable
{
    /// <summary>The cluster; each case writes topics of its own.</summary>
    public KafkaMockCluster Cluster { get; } = new();

    /// <inheritdoc />
    public void Dispose() => Cluster.Dispose();
}
