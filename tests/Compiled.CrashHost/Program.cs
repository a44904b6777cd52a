using Compiled;
using Compiled.CrashHost;
using Compiled.Sources.Files;

// The crash tests' child process: runs the two queries side by side, each over every file in the input directory
// with one file per batch, until the input is exhausted (available-now). COMPILED_CRASH_POINT makes it die with
// SIGKILL at a chosen point; a rerun on the same checkpoints must finish the work exactly once.
// With "keyed" first it runs the generated join, deduplication and keyed-state queries instead (KeyedHost).
if (args is ["keyed", var keyedInput, var keyedOutput, var keyedCheckpoint]) return await KeyedHost.RunAsync(keyedInput, keyedOutput, keyedCheckpoint);
if (args.Length is < 3 or > 4 || (args.Length == 4 && !Enum.TryParse<StateStoreKind>(args[3], out _)))
{
    Console.Error.WriteLine("usage: Compiled.CrashHost <input dir> <output dir> <checkpoint dir> [Faster|InMemory]");
    return 2;
}
string input = args[0];
string output = args[1];
string checkpoint = args[2];
StateStoreKind stateStore = args.Length == 4 ? Enum.Parse<StateStoreKind>(args[3]) : StateStoreKind.Faster;
var sourceOptions = new FileSourceOptions { MaxFilesPerTrigger = 1 };

var doubled = StreamingQuery.Start(
    new DoubledPlan(),
    [Source.JsonFiles<Event>(input, sourceOptions)],
    Sink.JsonFiles<Doubled>(HostLayout.DoubledOutput(output)),
    new QueryOptions { CheckpointLocation = HostLayout.DoubledCheckpoint(checkpoint), Trigger = Trigger.AvailableNow });
var writer = new BatchFileWriter(HostLayout.TotalsOutput(output), TotalsPlan.QueryName);
var totals = StreamingQuery.Start(
    new TotalsPlan(),
    [Source.JsonFiles<Event>(input, sourceOptions)],
    Sink.ForeachBatch<KeyTotal>(writer.Write),
    new QueryOptions { CheckpointLocation = HostLayout.TotalsCheckpoint(checkpoint), Trigger = Trigger.AvailableNow, StateStore = stateStore, StateSnapshotInterval = HostLayout.StateSnapshotInterval });

return await HostQueries.AwaitAllAsync([doubled, totals]);
