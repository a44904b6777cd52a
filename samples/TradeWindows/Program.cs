using Compiled;
using Compiled.Samples;
using Compiled.Sources.Files;
using TradeWindows;

TradeWindowsArguments arguments;
try
{
    arguments = TradeWindowsArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"TradeWindows: {e.Message}");
    Console.Error.WriteLine(TradeWindowsArguments.Usage);
    return 2;
}

var source = Source.JsonFiles<Trade>(arguments.Input, new FileSourceOptions { MaxFilesPerTrigger = arguments.MaxFilesPerTrigger });
var sink = Sink.Console<TradeTotals>(new() { NumRows = arguments.Rows });
var options = new QueryOptions
{
    CheckpointLocation = arguments.Checkpoint,
    Trigger = arguments.Trigger,
    Listeners = [ConsoleProgress.Create()],   // a live status line on a terminal (stderr), a log line every 10 s otherwise
};
return await SampleHost.RunAsync("TradeWindows", () => arguments.Mode == OutputMode.Append
    ? TradeWindowsAppendQuery.Start(source, sink, options)
    : TradeWindowsQuery.Start(source, sink, options));
