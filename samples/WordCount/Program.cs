using Compiled;
using Compiled.Checkpointing;
using Compiled.Sources.Files;
using WordCount;

WordCountArguments arguments;
try
{
    arguments = WordCountArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"WordCount: {e.Message}");
    Console.Error.WriteLine(WordCountArguments.Usage);
    return 2;
}

var source = Source.TextFiles(arguments.Input, new FileSourceOptions { MaxFilesPerTrigger = arguments.MaxFilesPerTrigger });
var sink = Sink.Console<WordFrequency>(new() { NumRows = arguments.Rows });
StreamingQuery started;
try
{
    started = WordCountQuery.Start(source, sink, new QueryOptions
    {
        CheckpointLocation = arguments.Checkpoint,
        Trigger = arguments.Trigger,
        Listeners = [ConsoleProgress.Create()],   // a live status line on a terminal (stderr), a log line every 10 s otherwise
    });
}
catch (CheckpointException e)
{
    Console.Error.WriteLine($"WordCount: {e.Message}");
    return 1;
}
await using var query = started;

using var stopOnCtrlC = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopOnCtrlC.Cancel();
};

try
{
    await query.AwaitTerminationAsync(stopOnCtrlC.Token);
}
catch (OperationCanceledException) when (stopOnCtrlC.IsCancellationRequested)
{
    await query.StopAsync();
}
catch (StreamingQueryException e)
{
    Console.Error.WriteLine($"WordCount: {e.Message}");
    return 1;
}
return 0;
