using System.Globalization;
using System.Text;
using System.Text.Json;
using Compiled.Sources;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// A Kafka source position: for each topic partition, the next offset to read. Serialised as Spark does,
/// <c>{"topic":{"0":625,"1":625}}</c>, topics and partitions in ascending order so that the same position always
/// gives the same text (the engine compares offsets as text).
/// </summary>
internal sealed class KafkaOffsets
{
    private readonly SortedDictionary<TopicPartition, long> _next;

    /// <summary>An empty position.</summary>
    public KafkaOffsets() => _next = new SortedDictionary<TopicPartition, long>();

    /// <summary>A copy of <paramref name="other"/>.</summary>
    public KafkaOffsets(KafkaOffsets other) => _next = new SortedDictionary<TopicPartition, long>(other._next);

    /// <summary>Partitions with a position.</summary>
    public int Count => _next.Count;

    /// <summary>The partitions and their next offsets, in order.</summary>
    public IEnumerable<KeyValuePair<TopicPartition, long>> Entries => _next;

    /// <summary>The next offset of <paramref name="partition"/>, or null when the position does not name it.</summary>
    public long? Get(TopicPartition partition) => _next.TryGetValue(partition, out long offset) ? offset : null;

    /// <summary>Sets the next offset of <paramref name="partition"/>.</summary>
    public void Set(TopicPartition partition, long offset) => _next[partition] = offset;

    /// <summary>True when <paramref name="partition"/> has a position.</summary>
    public bool Contains(TopicPartition partition) => _next.ContainsKey(partition);

    /// <summary>The position as offset text.</summary>
    public SourceOffset ToSourceOffset() => new(ToJson());

    /// <summary>Spark's JSON form of the position.</summary>
    public string ToJson()
    {
        var text = new StringBuilder("{");
        string? topic = null;
        foreach (var (partition, offset) in _next)
        {
            if (!string.Equals(topic, partition.Topic, StringComparison.Ordinal))
            {
                if (topic is not null) text.Append("},");
                text.Append(JsonSerializer.Serialize(partition.Topic, KafkaJsonContext.Default.String)).Append(":{");
                topic = partition.Topic;
            }
            else
            {
                text.Append(',');
            }
            text.Append('"').Append(partition.Partition.Value.ToString(CultureInfo.InvariantCulture)).Append("\":")
                .Append(offset.ToString(CultureInfo.InvariantCulture));
        }
        if (topic is not null) text.Append('}');
        return text.Append('}').ToString();
    }

    /// <summary>Parses <paramref name="offset"/>; an empty position when null.</summary>
    /// <exception cref="FormatException">The text is not a Kafka source position; the message names <paramref name="description"/>.</exception>
    public static KafkaOffsets Parse(SourceOffset? offset, string description)
    {
        var result = new KafkaOffsets();
        if (offset is null) return result;
        try
        {
            using var document = JsonDocument.Parse(offset.Json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Invalid(offset, description);
            foreach (JsonProperty topic in document.RootElement.EnumerateObject())
            {
                if (topic.Value.ValueKind != JsonValueKind.Object) throw Invalid(offset, description);
                foreach (JsonProperty partition in topic.Value.EnumerateObject())
                {
                    if (!int.TryParse(partition.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                        || partition.Value.ValueKind != JsonValueKind.Number
                        || !partition.Value.TryGetInt64(out long next)
                        || next < 0)
                    {
                        throw Invalid(offset, description);
                    }
                    result.Set(new TopicPartition(topic.Name, id), next);
                }
            }
        }
        catch (JsonException)
        {
            throw Invalid(offset, description);
        }
        return result;
    }

    private static FormatException Invalid(SourceOffset offset, string description) =>
        new($"{description}: offset '{offset.Json}' is not a Kafka source offset; expected {{\"topic\":{{\"partition\":nextOffset,…}}}} with offsets >= 0. The checkpoint belongs to another source.");
}
