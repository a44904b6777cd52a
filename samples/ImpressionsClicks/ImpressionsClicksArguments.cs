using Compiled;
using Compiled.Samples;

namespace ImpressionsClicks;

/// <summary>The sample's command line, parsed and checked before anything runs.</summary>
internal sealed record ImpressionsClicksArguments(
    string Impressions,
    string Clicks,
    string? Checkpoint,
    Trigger Trigger,
    int? MaxFilesPerTrigger,
    int Rows,
    JoinType Join)
{
    public const string Usage = """
        usage: ImpressionsClicks [--impressions DIR] [--clicks DIR] [--checkpoint DIR]
                                 [--trigger default|available-now|once|processing-time:<interval>]
                                 [--max-files-per-trigger N] [--rows N] [--join inner|left-outer]

          --impressions DIR  directory of JSON-lines impression files (default: the bundled files)
          --clicks DIR       directory of JSON-lines click files (default: the bundled files)
          --checkpoint DIR   where progress, watermarks and the join's buffered rows live; run again with the same DIR
                             to read only new files (default: a temporary directory, deleted at exit)
          --trigger T        default runs until Ctrl+C; available-now and once process what is there and exit;
                             processing-time:<interval> starts a batch every interval, e.g. processing-time:5s
          --max-files-per-trigger N   at most N new files per batch, from each directory
          --rows N           table rows printed per batch (default 20)
          --join J           left-outer (default) also prints impressions without a click, with a null ClickTime,
                             once the watermark shows no click can match; inner prints only clicked impressions
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static ImpressionsClicksArguments Parse(string[] args)
    {
        string data = Path.Combine(AppContext.BaseDirectory, "data");
        string impressions = Path.Combine(data, "impressions"), clicks = Path.Combine(data, "clicks");
        string? checkpoint = null;
        Trigger trigger = Trigger.Default;
        int? maxFiles = null;
        int rows = 20;
        JoinType join = JoinType.LeftOuter;

        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {option} needs a value");
            switch (option)
            {
                case "--impressions": impressions = Value(); break;
                case "--clicks": clicks = Value(); break;
                case "--checkpoint": checkpoint = Value(); break;
                case "--trigger": trigger = SampleOptions.ParseTrigger(Value()); break;
                case "--max-files-per-trigger": maxFiles = SampleOptions.PositiveInt(option, Value()); break;
                case "--rows": rows = SampleOptions.PositiveInt(option, Value()); break;
                case "--join": join = ParseJoin(Value()); break;
                default: throw new ArgumentException($"unknown option '{option}'");
            }
        }

        if (!Directory.Exists(impressions))
            throw new ArgumentException($"--impressions: directory '{Path.GetFullPath(impressions)}' does not exist");
        if (!Directory.Exists(clicks))
            throw new ArgumentException($"--clicks: directory '{Path.GetFullPath(clicks)}' does not exist");
        return new ImpressionsClicksArguments(impressions, clicks, checkpoint, trigger, maxFiles, rows, join);
    }

    private static JoinType ParseJoin(string text) => text switch
    {
        "inner" => JoinType.Inner,
        "left-outer" => JoinType.LeftOuter,
        _ => throw new ArgumentException($"--join: '{text}' is not one of inner, left-outer"),
    };
}
