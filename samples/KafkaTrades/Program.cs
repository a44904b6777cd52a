using System.Text.Json;
using Compiled;
using Compiled.Kafka;
using Compiled.Samples;
using Confluent.Kafka;
using KafkaTrades;

// The trade-windows query (15-minute tumbling windows on CreatedTime, 30-minute watermark, TotalBuy/TotalSell per window)
// from a Kafka topic to a Kafka topic. Killed at any moment and restarted on the same checkpoint, a read_committed
// reader of the output topic sees each row exactly once (on a real broker; see docs/kafka.md for the mock cluster).
KafkaTradesArguments arguments;
try
{
    arguments = KafkaTradesArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"KafkaTrades: {e.Message}\n{KafkaTradesArguments.Usage}");
    return 2;
}

if (arguments.ProduceFile is { } file) return Produce(arguments, file);

var source = Source.Kafka(new KafkaSourceOptions
{
    BootstrapServers = arguments.Bootstrap,
    Subscribe = [arguments.InputTopic],
    StartingOffsets = arguments.StartingOffsets,
    MaxOffsetsPerTrigger = arguments.MaxOffsetsPerTrigger,
}, TradeJson.Default.Trade);
var sink = Sink.Kafka(new KafkaSinkOptions<TradeTotals>
{
    BootstrapServers = arguments.Bootstrap,
    Topic = arguments.OutputTopic,
    KeySelector = t => t.Start.ToString(SecondsTimeConverter.Format, System.Globalization.CultureInfo.InvariantCulture),
    Delivery = arguments.Delivery,
}, TradeJson.Default.TradeTotals);

StreamingQuery query;
try
{
    var options = new QueryOptions
    {
        CheckpointLocation = arguments.Checkpoint,
        Trigger = arguments.Trigger,
        Name = "KafkaTrades",
        Listeners = [ConsoleProgress.Create()],   // a live status line on a terminal (stderr), a log line every 10 s otherwise
    };
    query = arguments.Mode == OutputMode.Append
        ? TradeWindowsAppendQuery.Start(source, sink, options)
        : TradeWindowsUpdateQuery.Start(source, sink, options);
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or KafkaException or Compiled.Checkpointing.CheckpointException)
{
    Console.Error.WriteLine($"KafkaTrades: {e.Message}");
    return 1;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await using (query)
{
    try
    {
        using var registration = stop.Token.Register(() => _ = query.StopAsync());
        await query.AwaitTerminationAsync();
    }
    catch (StreamingQueryException e)
    {
        Console.Error.WriteLine($"KafkaTrades failed: {e.InnerException?.Message ?? e.Message}");
        return 1;
    }
    Console.WriteLine($"KafkaTrades: stopped after batch {query.LastProgress?.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
}
return 0;

// Writes each non-blank line of the file, checked to be a trade, to the input topic; keyed by broker code.
static int Produce(KafkaTradesArguments arguments, string file)
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"KafkaTrades: --produce file '{file}' does not exist.");
        return 1;
    }
    using var producer = new ProducerBuilder<string?, string>(new ProducerConfig { BootstrapServers = arguments.Bootstrap, EnableIdempotence = true }).Build();
    int count = 0, lineNumber = 0;
    string? failure = null;
    foreach (string line in File.ReadLines(file))
    {
        lineNumber++;
        if (string.IsNullOrWhiteSpace(line)) continue;
        Trade? trade;
        try
        {
            trade = JsonSerializer.Deserialize(line, TradeJson.Default.Trade);
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"KafkaTrades: '{file}' line {lineNumber} is not a trade: {e.Message}");
            return 1;
        }
        producer.Produce(arguments.InputTopic, new Message<string?, string> { Key = trade?.BrokerCode, Value = line }, r =>
        {
            if (r.Error.IsError) failure ??= r.Error.Reason;
        });
        count++;
    }
    int pending = producer.Flush(TimeSpan.FromSeconds(60));
    if (pending > 0 || failure is not null)
    {
        Console.Error.WriteLine($"KafkaTrades: writing to '{arguments.InputTopic}' on {arguments.Bootstrap} failed: {failure ?? $"{pending} messages not acknowledged within 60 s"}");
        return 1;
    }
    Console.WriteLine($"KafkaTrades: wrote {count} trades from '{file}' to topic '{arguments.InputTopic}'.");
    return 0;
}
