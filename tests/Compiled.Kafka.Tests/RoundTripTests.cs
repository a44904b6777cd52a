using Compiled.Kafka.Testing;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Smoke test of the native client stack (Confluent.Kafka over the official librdkafka.redist):
/// an idempotent producer's messages reach a consumer exactly once and in order per partition.
/// </summary>
public sealed class RoundTripTests
{
    private const int MessageCount = 10_000;

    [Fact]
    public void MockCluster_DeliversEveryMessageExactlyOnceInOrder()
    {
        using var cluster = new KafkaMockCluster();
        RoundTrip.Run(cluster.BootstrapServers, MessageCount, createTopic: false);
    }

    [RealKafkaFact]
    public void RealCluster_DeliversEveryMessageExactlyOnceInOrder() =>
        RoundTrip.Run(KafkaTestEnvironment.RealBootstrapServers!, MessageCount, createTopic: true);
}
