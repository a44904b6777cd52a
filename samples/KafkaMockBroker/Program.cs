using System.Globalization;
using System.Runtime.InteropServices;
using Compiled.Kafka.Testing;

// Starts librdkafka's mock Kafka cluster, prints one line "bootstrap.servers=host:port,…" and serves until SIGINT or
// SIGTERM. Clients in other processes (the Kafka samples, kcat, any language's client) connect to those addresses.
// Usage: KafkaMockBroker [--brokers N]   (3 brokers by default)
int brokers = KafkaMockCluster.DefaultBrokerCount;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--brokers" && i + 1 < args.Length
        && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1)
    {
        brokers = n;
        i++;
        continue;
    }
    Console.Error.WriteLine($"KafkaMockBroker: unknown or invalid argument '{args[i]}'. Usage: KafkaMockBroker [--brokers N] (N >= 1, default {KafkaMockCluster.DefaultBrokerCount}).");
    return 2;
}

using var stop = new ManualResetEventSlim();
void Stop(PosixSignalContext context)
{
    // Keep the runtime from terminating the process before the cluster is disposed.
    context.Cancel = true;
    stop.Set();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

using (var cluster = new KafkaMockCluster(brokers))
{
    Console.Out.WriteLine("bootstrap.servers=" + cluster.BootstrapServers);
    Console.Out.Flush();
    Console.Error.WriteLine($"KafkaMockBroker: {brokers} mock brokers serving; topics are created on first use with 4 partitions. Stop with Ctrl+C or SIGTERM.");
    stop.Wait();
}
Console.Error.WriteLine("KafkaMockBroker: stopped.");
return 0;
