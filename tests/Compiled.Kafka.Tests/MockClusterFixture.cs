using Compiled.Kafka.Testing;

namespace Compiled.Kafka.Tests;

/// <summary>One librdkafka mock cluster shared by the tests of a class; each test uses topics of its own.</summary>
public sealed class MockClusterFixture : IDisposable
{
    private readonly KafkaMockCluster _cluster = new();

    /// <summary>The cluster, for tests that make its brokers fail.</summary>
    public KafkaMockCluster Cluster => _cluster;

    /// <summary>The cluster's bootstrap servers.</summary>
    public string BootstrapServers => _cluster.BootstrapServers;

    /// <inheritdoc />
    public void Dispose() => _cluster.Dispose();
}
