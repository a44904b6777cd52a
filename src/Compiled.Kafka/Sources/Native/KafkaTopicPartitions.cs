using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Compiled.Kafka.Native;

/// <summary>
/// One <see cref="TopicPartition"/> per topic and partition, found from a message's topic handle without making a string
/// per message (Confluent.Kafka decodes the topic's name for every message).
/// </summary>
/// <remarks>
/// A topic handle is certain only while a message holds it: once a batch's messages are destroyed, librdkafka may free
/// the handle and reuse its address for another topic. So each handle's name is compared with the cached one the first
/// time a batch meets it (<see cref="NewBatch"/>), and within a batch a run of messages of one topic costs a compare of
/// two pointers.
/// </remarks>
internal sealed unsafe class KafkaTopicPartitions
{
    private readonly Dictionary<nint, Topic> _byHandle = [];
    private nint _lastHandle;
    private Topic? _last;

    /// <summary>Forgets which handles were checked: the messages that held them are gone.</summary>
    public void NewBatch()
    {
        _lastHandle = 0;
        _last = null;
    }

    /// <summary>The topic-partition of a message with topic handle <paramref name="handle"/> and <paramref name="partition"/>.</summary>
    public TopicPartition Get(nint handle, int partition)
    {
        Topic topic = handle == _lastHandle ? _last! : Find(handle);
        return topic.Partition(partition);
    }

    private Topic Find(nint handle)
    {
        var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(Librdkafka.TopicName(handle));
        if (!_byHandle.TryGetValue(handle, out Topic? topic) || !name.SequenceEqual(topic.Utf8Name))
        {
            topic = new Topic(name.ToArray());
            _byHandle[handle] = topic;
        }
        _lastHandle = handle;
        _last = topic;
        return topic;
    }

    /// <summary>A topic's name and its partitions made so far.</summary>
    private sealed class Topic(byte[] utf8Name)
    {
        private readonly string _name = System.Text.Encoding.UTF8.GetString(utf8Name);
        private TopicPartition?[] _partitions = new TopicPartition?[8];

        public byte[] Utf8Name { get; } = utf8Name;

        public TopicPartition Partition(int partition)
        {
            if ((uint)partition >= (uint)_partitions.Length)
            {
                if (partition < 0) return new TopicPartition(_name, partition);
                Array.Resize(ref _partitions, Math.Max(partition + 1, _partitions.Length * 2));
            }
            return _partitions[partition] ??= new TopicPartition(_name, partition);
        }
    }
}
