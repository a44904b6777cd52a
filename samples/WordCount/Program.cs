using Compiled;
using Compiled.Samples;
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
return await SampleHost.RunAsync("WordCount", () => WordCountQuery.Start(source, sink, new QueryOptions
{
    CheckpointLocation = arguments.Checkpoint,
    Trigger = arguments.Trigger,
    Listeners = [ConsoleProgress.Create()],   // a live status line on a terminal (stderr), a log line every 10 s otherwise
}));
