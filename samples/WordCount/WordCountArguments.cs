using System.Globalization;
using Compiled;

namespace WordCount;

/// <summary>The sample's command line, parsed and checked before anything runs.</summary>
internal sealed record WordCountArguments(
    string Input,
    string? Checkpoint,
    Trigger Trigger,
    int? MaxFilesPerTrigger,
    int Rows)
{
    public const string Usage = """
        usage: WordCount [--input DIR] [--checkpoint DIR]
                         [--trigger default|available-now|once|processing-time:<interval>]
                         [--max-files-per-trigger N] [--rows N]

          --input DIR        directory of text files (default: the bundled sample files)
          --checkpoint DIR   where progress and state live; run again with the same DIR to read only new files
                             (default: a temporary directory, deleted at exit)
          --trigger T        default runs until Ctrl+C; available-now and once process what is there and exit;
                             processing-time:<interval> starts a batch every interval, e.g. processing-time:5s
          --max-files-per-trigger N   at most N new files per batch
          --rows N           table rows printed per batch (default 20)
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static WordCountArguments Parse(string[] args)
    {
        string input = Path.Combine(AppContext.BaseDirectory, "data");
        string? checkpoint = null;
        Trigger trigger = Trigger.Default;
        int? maxFiles = null;
        int rows = 20;

        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {option} needs a value");
            switch (option)
            {
                case "--input": input = Value(); break;
                case "--checkpoint": checkpoint = Value(); break;
                case "--trigger": trigger = ParseTrigger(Value()); break;
                case "--max-files-per-trigger": maxFiles = PositiveInt(option, Value()); break;
                case "--rows": rows = PositiveInt(option, Value()); break;
                default: throw new ArgumentException($"unknown option '{option}'");
            }
        }

        if (!Directory.Exists(input))
            throw new ArgumentException($"--input: directory '{Path.GetFullPath(input)}' does not exist");
        return new WordCountArguments(input, checkpoint, trigger, maxFiles, rows);
    }

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{option}: '{text}' is not a positive whole number");

    private static Trigger ParseTrigger(string text)
    {
        const string processingTime = "processing-time:";
        if (text == "default") return Trigger.Default;
        if (text == "available-now") return Trigger.AvailableNow;
        if (text == "once") return Trigger.Once;
        if (text.StartsWith(processingTime, StringComparison.Ordinal))
            return Trigger.ProcessingTime(ParseInterval(text[processingTime.Length..]));
        throw new ArgumentException($"--trigger: '{text}' is not one of default, available-now, once, processing-time:<interval>");
    }

    /// <summary>Accepts <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c> or a TimeSpan such as <c>00:00:05</c>.</summary>
    private static TimeSpan ParseInterval(string text)
    {
        (string suffix, double scaleMs)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, scaleMs) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double n)
                && n > 0)
                return TimeSpan.FromMilliseconds(n * scaleMs);
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero) return span;
        throw new ArgumentException($"--trigger: interval '{text}' is not positive and in the form 500ms, 5s, 2m, 1h or hh:mm:ss");
    }
}
