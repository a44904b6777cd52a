using Compiled;
using Compiled.Samples;

namespace TradeWindows;

/// <summary>The sample's command line, parsed and checked before anything runs.</summary>
internal sealed record TradeWindowsArguments(
    string Input,
    string? Checkpoint,
    Trigger Trigger,
    int? MaxFilesPerTrigger,
    int Rows,
    OutputMode Mode)
{
    public const string Usage = """
        usage: TradeWindows [--input DIR] [--checkpoint DIR]
                            [--trigger default|available-now|once|processing-time:<interval>]
                            [--max-files-per-trigger N] [--rows N] [--mode update|append]

          --input DIR        directory of JSON-lines trade files (default: the bundled sample files)
          --checkpoint DIR   where progress, watermark and window state live; run again with the same DIR to read
                             only new files (default: a temporary directory, deleted at exit)
          --trigger T        default runs until Ctrl+C; available-now and once process what is there and exit;
                             processing-time:<interval> starts a batch every interval, e.g. processing-time:5s
          --max-files-per-trigger N   at most N new files per batch
          --rows N           table rows printed per batch (default 20)
          --mode M           update (default) prints the windows each batch changed; append prints each window
                             once, when the watermark has passed its end. A checkpoint keeps the mode it began with.
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static TradeWindowsArguments Parse(string[] args)
    {
        string input = Path.Combine(AppContext.BaseDirectory, "data");
        string? checkpoint = null;
        Trigger trigger = Trigger.Default;
        int? maxFiles = null;
        int rows = 20;
        OutputMode mode = OutputMode.Update;

        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {option} needs a value");
            switch (option)
            {
                case "--input": input = Value(); break;
                case "--checkpoint": checkpoint = Value(); break;
                case "--trigger": trigger = SampleOptions.ParseTrigger(Value()); break;
                case "--max-files-per-trigger": maxFiles = SampleOptions.PositiveInt(option, Value()); break;
                case "--rows": rows = SampleOptions.PositiveInt(option, Value()); break;
                case "--mode": mode = ParseMode(Value()); break;
                default: throw new ArgumentException($"unknown option '{option}'");
            }
        }

        if (!Directory.Exists(input))
            throw new ArgumentException($"--input: directory '{Path.GetFullPath(input)}' does not exist");
        return new TradeWindowsArguments(input, checkpoint, trigger, maxFiles, rows, mode);
    }

    private static OutputMode ParseMode(string text) => text switch
    {
        "update" => OutputMode.Update,
        "append" => OutputMode.Append,
        _ => throw new ArgumentException($"--mode: '{text}' is not one of update, append"),
    };
}
