namespace Compiled.Kafka;

/// <summary>Options of the Kafka sink. Set <see cref="Topic"/> or <see cref="TopicSelector"/>.</summary>
public sealed record KafkaSinkOptions<T>
{
    /// <summary>The cluster's bootstrap servers, <c>host:port[,host:port…]</c>.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>The topic every row goes to.</summary>
    public string? Topic { get; init; }

    /// <summary>The topic of each row, when rows go to several topics; takes precedence over <see cref="Topic"/>.</summary>
    public Func<T, string>? TopicSelector { get; init; }

    /// <summary>Each row's key, written as UTF-8 (rows with the same key go to the same partition); no key when null.</summary>
    public Func<T, string?>? KeySelector { get; init; }

    /// <summary>Exactly-once through transactions (default) or at-least-once.</summary>
    public KafkaDelivery Delivery { get; init; } = KafkaDelivery.ExactlyOnce;

    /// <summary>Where exactly-once delivery writes its progress records (partition 0), in the same transaction as the rows.</summary>
    public string ProgressTopic { get; init; } = "compiled-sink-progress";

    /// <summary>
    /// The producer's transactional id; <c>compiled-&lt;query id&gt;</c> when null. It must be the same for every run of
    /// the query (that is what fences a zombie) and differ between queries.
    /// </summary>
    public string? TransactionalId { get; init; }

    /// <summary>Any librdkafka producer setting (<c>security.protocol</c>, <c>sasl.*</c>, <c>compression.type</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Longest wait for initialising, committing or flushing (default 60 s); exceeding it fails the batch.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Settings that have an option of their own.</summary>
    internal static readonly string[] ReservedSettings = ["bootstrap.servers", "transactional.id", "enable.idempotence"];

    /// <summary>Checks the options; every message names the option at fault.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
            throw new ArgumentException("KafkaSinkOptions.BootstrapServers is required (host:port[,host:port…]).");
        if (TopicSelector is null && string.IsNullOrWhiteSpace(Topic))
            throw new ArgumentException("KafkaSinkOptions: set Topic, or TopicSelector to choose a topic per row.");
        if (Delivery == KafkaDelivery.ExactlyOnce && string.IsNullOrWhiteSpace(ProgressTopic))
            throw new ArgumentException("KafkaSinkOptions.ProgressTopic must name a topic for exactly-once delivery.");
        if (TransactionalId is { } id && string.IsNullOrWhiteSpace(id))
            throw new ArgumentException("KafkaSinkOptions.TransactionalId must not be blank; leave it null for compiled-<query id>.");
        if (Timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "KafkaSinkOptions.Timeout must be positive.");
        KafkaSettings.CheckNotReserved(Settings, ReservedSettings, "KafkaSinkOptions.Settings");
    }
}
