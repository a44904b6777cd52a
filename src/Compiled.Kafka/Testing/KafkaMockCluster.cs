using System.Globalization;
using System.Runtime.InteropServices;
using Compiled.Kafka.Native;
using Confluent.Kafka;

namespace Compiled.Kafka.Testing;

/// <summary>
/// An in-process Kafka cluster for tests and demos: librdkafka's built-in mock cluster, which speaks
/// the Kafka protocol on 127.0.0.1. Produce, fetch, consumer groups, idempotent and transactional
/// producers and <c>read_committed</c> consumers work against it; any client reaches it through
/// <see cref="BootstrapServers"/>.
/// </summary>
/// <remarks>
/// Topics are created on first use (a producer's or consumer's metadata request) with the mock's
/// default of 4 partitions; creating topics through the admin API does not work on the mock.
/// The brokers live inside one librdkafka client handle created with <c>test.mock.num.brokers</c>
/// and stop when <see cref="Dispose"/> destroys it, so dispose the clients that use the cluster first
/// (they would otherwise log connection errors while they close).
/// </remarks>
public sealed class KafkaMockCluster : IDisposable
{
    /// <summary>Broker count used when none is given: enough for replication and leader moves.</summary>
    public const int DefaultBrokerCount = 3;

    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(10);

    // The handle that owns the mock brokers. A producer is the cheapest client: it joins no group.
    private readonly IProducer<Null, Null> _owner;

    /// <summary>Starts a mock cluster and waits until its metadata lists every broker.</summary>
    /// <param name="brokerCount">Number of brokers, at least 1.</param>
    /// <param name="startTimeout">How long to wait for the brokers' metadata; 10 s when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerCount"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">The cluster did not report its brokers in time.</exception>
    public KafkaMockCluster(int brokerCount = DefaultBrokerCount, TimeSpan? startTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        TimeSpan timeout = startTimeout ?? DefaultStartTimeout;

        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", brokerCount.ToString(CultureInfo.InvariantCulture));
        _owner = new ProducerBuilder<Null, Null>(config).Build();
        try
        {
            BootstrapServers = ReadBrokerAddresses(_owner.Handle, brokerCount, timeout);
        }
        catch
        {
            _owner.Dispose();
            throw;
        }
        BrokerCount = brokerCount;
    }

    /// <summary>The brokers' addresses, <c>host:port</c> joined by commas, ordered by broker id.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers in the cluster.</summary>
    public int BrokerCount { get; }

    /// <summary>
    /// Makes the brokers answer the next fetch requests (from any client) with these errors, one request each, every
    /// partition of the request failing with it: how a test sees a consumer report a broker error.
    /// </summary>
    public unsafe void FailNextFetches(params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        const short fetchApiKey = 1;
        SafeHandle client = KafkaClientHandle.Of(_owner.Handle);
        bool added = false;
        client.DangerousAddRef(ref added);
        try
        {
            fixed (ErrorCode* codes = errors)
                Librdkafka.MockPushRequestErrors(Librdkafka.HandleMockCluster(client.DangerousGetHandle()), fetchApiKey, (nuint)errors.Length, (int*)codes);
        }
        finally
        {
            client.DangerousRelease();
        }
    }

    /// <summary>Stops the brokers; topics and their messages are gone.</summary>
    public void Dispose() => _owner.Dispose();

    private static string ReadBrokerAddresses(Handle owner, int brokerCount, TimeSpan timeout)
    {
        using IAdminClient admin = new DependentAdminClientBuilder(owner).Build();
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(timeout);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"The librdkafka mock cluster ({brokerCount} brokers) did not answer a metadata request within {timeout}: {e.Error.Reason}", e);
        }
        if (metadata.Brokers.Count != brokerCount)
        {
            throw new InvalidOperationException(
                $"The librdkafka mock cluster was asked for {brokerCount} brokers but its metadata lists {metadata.Brokers.Count}.");
        }
        IEnumerable<string> addresses = metadata.Brokers
            .OrderBy(b => b.BrokerId)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Host}:{b.Port}"));
        return string.Join(",", addresses);
    }
}
