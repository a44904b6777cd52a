using Compiled;
using Compiled.Samples;
using Compiled.Sources.Files;
using ImpressionsClicks;

ImpressionsClicksArguments arguments;
try
{
    arguments = ImpressionsClicksArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ImpressionsClicks: {e.Message}");
    Console.Error.WriteLine(ImpressionsClicksArguments.Usage);
    return 2;
}

var fileOptions = new FileSourceOptions { MaxFilesPerTrigger = arguments.MaxFilesPerTrigger };
var impressions = Source.JsonFiles<Impression>(arguments.Impressions, fileOptions);
var clicks = Source.JsonFiles<Click>(arguments.Clicks, fileOptions);
var sink = Sink.Console<ImpressionClick>(new() { NumRows = arguments.Rows, NullText = "null" });   // an impression without a click, as the seed prints it
var options = new QueryOptions
{
    CheckpointLocation = arguments.Checkpoint,
    Trigger = arguments.Trigger,
    Listeners = [ConsoleProgress.Create()],   // a live status line on a terminal (stderr), a log line every 10 s otherwise
};
return await SampleHost.RunAsync("ImpressionsClicks", () => arguments.Join == JoinType.Inner
    ? ImpressionsClicksInner.Start(impressions, clicks, sink, options)
    : ImpressionsClicksLeftOuter.Start(impressions, clicks, sink, options));
