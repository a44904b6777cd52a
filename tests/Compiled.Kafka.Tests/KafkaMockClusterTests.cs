using System.Net.Sockets;
using Compiled.Kafka.Testing;

namespace Compiled.Kafka.Tests;

/// <summary>The mock cluster starts the brokers it was asked for, on loopback, and stops them on dispose.</summary>
public sealed class KafkaMockClusterTests
{
    [Fact]
    public void ListsOneLoopbackAddressPerBrokerAndStopsThemOnDispose()
    {
        string[] addresses;
        using (var cluster = new KafkaMockCluster(brokerCount: 3))
        {
            Assert.Equal(3, cluster.BrokerCount);
            addresses = cluster.BootstrapServers.Split(',');
            Assert.Equal(3, addresses.Length);
            Assert.Equal(3, addresses.Distinct().Count());
            foreach (string address in addresses)
            {
                using var client = Connect(address);
                Assert.True(client.Connected, $"broker {address} accepts connections");
            }
        }
        foreach (string address in addresses)
        {
            Assert.Throws<SocketException>(() => Connect(address).Dispose());
        }
    }

    [Fact]
    public void RejectsAClusterWithoutBrokers() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KafkaMockCluster(brokerCount: 0));

    private static TcpClient Connect(string address)
    {
        int colon = address.LastIndexOf(':');
        var client = new TcpClient();
        try
        {
            client.Connect(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
