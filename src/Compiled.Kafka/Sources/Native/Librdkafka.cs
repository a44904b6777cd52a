using System.Runtime.InteropServices;

namespace Compiled.Kafka.Native;

/// <summary>
/// The few librdkafka functions the source calls itself (batch consume on the consumer's queue and reading a message in
/// place), bound to the very library Confluent.Kafka loaded: two copies would each have their own globals, and a handle
/// made by one must never reach the other.
/// </summary>
internal static unsafe partial class Librdkafka
{
    private const string Name = "librdkafka";

    /// <summary>The builds librdkafka.redist ships for Linux, in the order Confluent.Kafka tries them (glibc with GSSAPI, then without).</summary>
    private static readonly string[] s_linuxBuilds = ["librdkafka", "centos8-librdkafka.so"];

    static Librdkafka() => NativeLibrary.SetDllImportResolver(typeof(Librdkafka).Assembly, Resolve);

    /// <summary>The librdkafka version as <c>0xMMmmrrxx</c>, the same number as Confluent's <c>Library.Version</c>.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_version")]
    public static partial int Version();

    /// <summary>The consumer's own queue (where <c>rd_kafka_consumer_poll</c> reads); null when the client has no consumer group.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_queue_get_consumer")]
    public static partial nint QueueGetConsumer(nint rk);

    /// <summary>Releases a queue reference taken by <see cref="QueueGetConsumer"/>.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_queue_destroy")]
    public static partial void QueueDestroy(nint queue);

    /// <summary>
    /// Pops up to <paramref name="size"/> messages into <paramref name="messages"/>, waiting up to
    /// <paramref name="timeoutMs"/> until that many arrived; serves callbacks on the way. Returns the count, or -1.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_consume_batch_queue")]
    public static partial nint ConsumeBatchQueue(nint queue, int timeoutMs, nint* messages, nuint size);

    /// <summary>Frees a consumed message (and its hold on the fetch buffer its payload points into).</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_message_destroy")]
    public static partial void MessageDestroy(RdKafkaMessage* message);

    /// <summary>The message's timestamp in Unix milliseconds (-1 when none) and its type.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_message_timestamp")]
    public static partial long MessageTimestamp(RdKafkaMessage* message, int* timestampType);

    /// <summary>The message's headers (owned by the message); an error code when it has none.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_message_headers")]
    public static partial int MessageHeaders(RdKafkaMessage* message, nint* headers);

    /// <summary>Header <paramref name="index"/>: its name, value (null for a null value) and size; an error code past the last.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_header_get_all")]
    public static partial int HeaderGetAll(nint headers, nuint index, byte** name, byte** value, nuint* size);

    /// <summary>The error string of an error message (what Confluent.Kafka puts in its <c>Error.Reason</c>).</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_message_errstr")]
    public static partial byte* MessageErrorString(RdKafkaMessage* message);

    /// <summary>The client's fatal error and its description, after a message reported <c>Local_Fatal</c>.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_fatal_error")]
    public static partial int FatalError(nint rk, byte* buffer, nuint size);

    /// <summary>The topic's name, a NUL-terminated UTF-8 string owned by the topic handle.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_topic_name")]
    public static partial byte* TopicName(nint topic);

    /// <summary>The mock cluster a client made with <c>test.mock.num.brokers</c> runs (null for any other client).</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_handle_mock_cluster")]
    public static partial nint HandleMockCluster(nint rk);

    /// <summary>Makes the mock cluster answer its next requests of <paramref name="apiKey"/> with these errors, one each.</summary>
    [LibraryImport(Name, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    public static partial void MockPushRequestErrors(nint mockCluster, short apiKey, nuint count, int* errors);

    /// <summary>
    /// Loads the build Confluent.Kafka loaded: it first makes Confluent load its own (so its choice is made and the
    /// library is mapped), then resolves the same names through Confluent's assembly, in Confluent's order, and the
    /// dynamic loader hands back the library already mapped.
    /// </summary>
    private static nint Resolve(string library, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (library != Name) return 0;
        _ = Confluent.Kafka.Library.Version;
        var confluent = typeof(Confluent.Kafka.Library).Assembly;
        foreach (string candidate in Candidates())
        {
            if (NativeLibrary.TryLoad(candidate, confluent, null, out nint handle)) return handle;
        }
        throw new DllNotFoundException(
            $"Compiled.Kafka could not load the librdkafka build Confluent.Kafka uses (tried {string.Join(", ", Candidates())} next to Confluent.Kafka); install the librdkafka.redist package that matches Confluent.Kafka.");
    }

    private static string[] Candidates() =>
        !OperatingSystem.IsLinux() ? [Name]
        : IsAlpine() ? ["alpine-librdkafka.so"]
        : s_linuxBuilds;

    /// <summary>Confluent.Kafka's own test: the distribution id in <c>/etc/os-release</c>.</summary>
    private static bool IsAlpine() =>
        File.Exists("/etc/os-release")
        && File.ReadLines("/etc/os-release").Any(static line => line.StartsWith("ID=", StringComparison.Ordinal)
            && line[3..].Trim('"', '\'').Equals("alpine", StringComparison.OrdinalIgnoreCase));
}
