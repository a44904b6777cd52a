using Compiled.Sources.Files;
using Confluent.Kafka;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Value rows ask Confluent.Kafka for the topic alone of each consume result (no headers object, no timestamp), unless a
/// dead-letter redirect needs the headers or the user chose the fields.
/// </summary>
public sealed class ConsumeResultFieldsTests
{
    private static readonly KafkaSourceOptions s_options = new() { BootstrapServers = "localhost:9092", Subscribe = ["trades"] };

    [Fact]
    public void Value_rows_fill_in_only_the_topic()
    {
        var config = KafkaSourceFactory.ValueFieldsOnly(new ConsumerConfig(), s_options);

        Assert.Equal("topic", config.Get(KafkaSourceFactory.ConsumeResultFields));
    }

    [Fact]
    public void Redirected_bad_records_keep_every_field()
    {
        var options = s_options with { BadRecords = BadRecordPolicy.Redirect, DeadLetterTopic = "trades-dead" };

        var config = KafkaSourceFactory.ValueFieldsOnly(new ConsumerConfig(), options);

        Assert.Null(config.Get(KafkaSourceFactory.ConsumeResultFields));
    }

    [Fact]
    public void The_users_own_setting_wins()
    {
        var user = new ConsumerConfig();
        user.Set(KafkaSourceFactory.ConsumeResultFields, "all");

        var config = KafkaSourceFactory.ValueFieldsOnly(user, s_options);

        Assert.Equal("all", config.Get(KafkaSourceFactory.ConsumeResultFields));
    }
}
