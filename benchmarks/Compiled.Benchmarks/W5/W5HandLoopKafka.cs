using Compiled.Benchmarks.Workloads;
using Confluent.Kafka;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5's reference over Kafka: a plain Confluent.Kafka consumer reads every partition of the input topics from its first to its last offset,
/// and its value deserialiser folds each record into an <see cref="IW5Aggregate"/> straight from librdkafka's buffer.
/// No offsets are kept, no checkpoint, no sink.
/// </summary>
internal sealed class W5HandLoopKafka(W5Input input, Func<IW5Aggregate> aggregate) : Variant("Hand-written loop, Kafka mock (Confluent.Kafka)")
{
    private IW5Aggregate _result = aggregate();

    /// <inheritdoc/>
    public override void Prepare() => _ = input.TopicNames;

    /// <inheritdoc/>
    public override long Run()
    {
        var folder = new FoldingDeserializer(aggregate());
        var config = new ConsumerConfig
        {
            BootstrapServers = W5Input.Bootstrap,
            GroupId = "w5-hand-loop",
            EnableAutoCommit = false,
        };
        // As the Kafka source sets it: with librdkafka's default one-second backoff, a loop that drains the local queue
        // faster than it refills waits up to that second with nothing delivered (the runs were bimodal).
        config.Set("fetch.queue.backoff.ms", "10");
        using (var consumer = new ConsumerBuilder<Ignore, Null>(config).SetValueDeserializer(folder).SetLogHandler(static (_, _) => { }).Build())
        {
            // Read up to the ends known now, from explicit offsets: Offset.Beginning costs a lookup, and waiting for the
            // end-of-partition event costs a long-poll fetch (fetch.wait.max.ms) per partition. Nothing is produced while
            // the loop runs, so every record delivered is one of those counted.
            var starts = new List<TopicPartitionOffset>();
            long remaining = 0;
            foreach (TopicPartition partition in input.AllPartitions())
            {
                WatermarkOffsets marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30));
                remaining += marks.High.Value - marks.Low.Value;
                starts.Add(new TopicPartitionOffset(partition, marks.Low));
            }
            consumer.Assign(starts);
            while (remaining > 0)
            {
                _ = consumer.Consume(TimeSpan.FromSeconds(30))
                    ?? throw new TimeoutException($"W5: the input topics did not deliver their records within 30 s.");
                remaining--;
            }
            consumer.Close();
        }
        _result = folder.Result;
        return _result.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _result.Checksum();

    /// <summary>Folds the record while Confluent.Kafka hands it over; the value itself is not kept.</summary>
    private sealed class FoldingDeserializer(IW5Aggregate result) : IDeserializer<Null>
    {
        public IW5Aggregate Result => result;

        public Null Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            if (!isNull) result.Add(data);
            return null!;
        }
    }
}
