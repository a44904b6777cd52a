using System.Globalization;
using Compiled;
using Compiled.Kafka;
using Compiled.Samples;

namespace KafkaTrades;

/// <summary>The sample's command line.</summary>
public sealed record KafkaTradesArguments(
    string Bootstrap,
    string InputTopic,
    string OutputTopic,
    string? Checkpoint,
    Trigger Trigger,
    long? MaxOffsetsPerTrigger,
    KafkaStartingOffsets StartingOffsets,
    OutputMode Mode,
    KafkaDelivery Delivery,
    string? ProduceFile)
{
    /// <summary>Printed on a usage error.</summary>
    public const string Usage = """
        usage: KafkaTrades --bootstrap SERVERS [--input-topic NAME] [--output-topic NAME] [--checkpoint DIR]
                           [--trigger default|available-now|once|processing-time:<interval>]
                           [--max-offsets-per-trigger N] [--starting-offsets earliest|latest]
                           [--mode update|append] [--delivery exactly-once|at-least-once] [--produce FILE]
          --bootstrap SERVERS     host:port[,host:port…]: a real cluster, or what samples/KafkaMockBroker prints
          --input-topic NAME      JSON trades {"CreatedTime":…,"Type":"BUY"|"SELL","Amount":n,"BrokerCode":…} (default trades)
          --output-topic NAME     one JSON object per window, keyed by Start (default trade-totals)
          --checkpoint DIR        where offsets, commits and state live (default ./kafka-trades-checkpoint)
          --produce FILE          write the JSON lines of FILE to the input topic and exit
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the option at fault.</summary>
    public static KafkaTradesArguments Parse(string[] args)
    {
        string? bootstrap = null, checkpoint = "kafka-trades-checkpoint", produce = null;
        string input = "trades", output = "trade-totals";
        Trigger trigger = Trigger.Default;
        long? maxOffsets = null;
        KafkaStartingOffsets starting = KafkaStartingOffsets.Earliest;
        OutputMode mode = OutputMode.Update;
        KafkaDelivery delivery = KafkaDelivery.ExactlyOnce;
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value");
            switch (option)
            {
                case "--bootstrap": bootstrap = Value(); break;
                case "--input-topic": input = NonBlank(option, Value()); break;
                case "--output-topic": output = NonBlank(option, Value()); break;
                case "--checkpoint": checkpoint = NonBlank(option, Value()); break;
                case "--trigger": trigger = SampleOptions.ParseTrigger(Value()); break;
                case "--max-offsets-per-trigger":
                    string text = Value();
                    maxOffsets = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
                        ? n : throw new ArgumentException($"{option}: '{text}' is not a positive whole number");
                    break;
                case "--starting-offsets":
                    starting = Value() switch
                    {
                        "earliest" => KafkaStartingOffsets.Earliest,
                        "latest" => KafkaStartingOffsets.Latest,
                        var other => throw new ArgumentException($"{option}: '{other}' is not earliest or latest"),
                    };
                    break;
                case "--mode":
                    mode = Value() switch
                    {
                        "update" => OutputMode.Update,
                        "append" => OutputMode.Append,
                        var other => throw new ArgumentException($"{option}: '{other}' is not update or append"),
                    };
                    break;
                case "--delivery":
                    delivery = Value() switch
                    {
                        "exactly-once" => KafkaDelivery.ExactlyOnce,
                        "at-least-once" => KafkaDelivery.AtLeastOnce,
                        var other => throw new ArgumentException($"{option}: '{other}' is not exactly-once or at-least-once"),
                    };
                    break;
                case "--produce": produce = NonBlank(option, Value()); break;
                default: throw new ArgumentException($"unknown option '{option}'");
            }
        }
        if (string.IsNullOrWhiteSpace(bootstrap)) throw new ArgumentException("--bootstrap is required (host:port[,host:port…])");
        return new KafkaTradesArguments(bootstrap, input, output, checkpoint, trigger, maxOffsets, starting, mode, delivery, produce);
    }

    private static string NonBlank(string option, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{option} must not be blank") : value;
}
