using Compiled.Kafka.Testing;

namespace Compiled.Kafka.Tests;

/// <summary>Parsing of the real-cluster environment variable.</summary>
public sealed class KafkaTestEnvironmentTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankMeansNoRealCluster(string? value) =>
        Assert.Null(KafkaTestEnvironment.ParseBootstrapServers(value));

    [Theory]
    [InlineData("kafka:9092", "kafka:9092")]
    [InlineData(" a:1 , b:65535 ,", "a:1,b:65535")]
    [InlineData("[::1]:9092", "[::1]:9092")]
    public void ValidListsAreNormalised(string value, string expected) =>
        Assert.Equal(expected, KafkaTestEnvironment.ParseBootstrapServers(value));

    [Theory]
    [InlineData("kafka")]
    [InlineData("kafka:")]
    [InlineData(":9092")]
    [InlineData("kafka:0")]
    [InlineData("kafka:70000")]
    [InlineData("a:1,kafka:port")]
    public void MalformedEntriesAreRejectedNamingTheVariableAndEntry(string value)
    {
        var e = Assert.Throws<FormatException>(() => KafkaTestEnvironment.ParseBootstrapServers(value));
        Assert.Contains(KafkaTestEnvironment.BootstrapVariable, e.Message);
        Assert.Contains("is not host:port", e.Message);
    }
}
