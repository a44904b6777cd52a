using System.Globalization;
using Compiled;
using Compiled.CrashHost;
using Compiled.Kafka;
using Compiled.Kafka.CrashHost;

// Runs TotalsPlan (running count and sum per key, Update mode) from a Kafka topic of JSON events to a Kafka topic,
// exactly once, over everything in the input (available-now) in batches of at most N offsets. COMPILED_CRASH_POINT
// makes it die with SIGKILL at a chosen point; a rerun on the same checkpoint must finish the work exactly once.
if (args.Length != 6 || !long.TryParse(args[5], NumberStyles.None, CultureInfo.InvariantCulture, out long maxOffsets) || maxOffsets < 1)
{
    Console.Error.WriteLine("usage: Compiled.Kafka.CrashHost <bootstrap> <input topic> <output topic> <progress topic> <checkpoint dir> <max offsets per trigger>");
    return 2;
}
string bootstrap = args[0];
var source = Source.Kafka(new KafkaSourceOptions
{
    BootstrapServers = bootstrap,
    Subscribe = [args[1]],
    StartingOffsets = KafkaStartingOffsets.Earliest,
    MaxOffsetsPerTrigger = maxOffsets,
}, CrashHostJson.Default.Event);
var sink = Sink.Kafka(new KafkaSinkOptions<KeyTotal>
{
    BootstrapServers = bootstrap,
    Topic = args[2],
    KeySelector = t => t.Key,
    ProgressTopic = args[3],
}, CrashHostJson.Default.KeyTotal);

var query = StreamingQuery.Start(new TotalsPlan(), [source], sink,
    // A FASTER base after every batch, so state.midCheckpoint is passed at every batch.
    new QueryOptions { CheckpointLocation = args[4], Trigger = Trigger.AvailableNow, StateSnapshotInterval = 1 });
try
{
    await query.AwaitTerminationAsync();
    Console.WriteLine($"{query.Name}: finished at batch {query.LastProgress?.BatchId.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
    return 0;
}
catch (StreamingQueryException e)
{
    Console.Error.WriteLine($"{query.Name} failed: {e}");
    return 1;
}
