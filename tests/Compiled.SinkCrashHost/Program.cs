using Compiled;
using Compiled.CrashHost;
using Compiled.SinkCrashHost;

// The sink crash matrix's child process: runs the queries of one sink kind until the input is exhausted
// (available-now). COMPILED_CRASH_POINT makes it die with SIGKILL at a chosen point; a rerun on the same
// checkpoints and outputs must finish the work exactly once.
if (args.Length is < 5 or > 7 || !Enum.TryParse(args[0], out SinkKind kind) || !Enum.TryParse(args[4], out StateStoreKind stateStore))
{
    Console.Error.WriteLine("usage: Compiled.SinkCrashHost <File|ForeachBatch|Sqlite|Postgres|Kafka> <input dir> <output dir> <checkpoint dir> <Faster|InMemory> [postgres connection string or kafka bootstrap servers] [table or topic prefix]");
    return 2;
}
IReadOnlyList<StreamingQuery> queries = MatrixQueries.Start(
    kind, args[1], args[2], args[3], stateStore, args.Length > 5 ? args[5] : null, args.Length > 6 ? args[6] : "");

return await HostQueries.AwaitAllAsync(queries);
