using System.Globalization;
using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Ratio;

/// <summary>Settings of the side-by-side ratio run, parsed from the command line.</summary>
internal sealed record RatioOptions
{
    /// <summary>Events of W1 and W2a.</summary>
    public int Events { get; init; } = WorkloadSizes.Events;

    /// <summary>Events of W2, W2b and the sliding-window workloads.</summary>
    public int WindowEvents { get; init; } = WorkloadSizes.WindowEvents;

    /// <summary>Lines of W3.</summary>
    public int Lines { get; init; } = WorkloadSizes.Lines;

    /// <summary>Rows of T1's batch.</summary>
    public int TableRows { get; init; } = Tables.T1TableUpsert.Rows;

    /// <summary>Rows of J1, impressions and clicks together.</summary>
    public int JoinRows { get; init; } = ImpressionClickData.Rows;

    /// <summary>Rows per batch of the plan-driven variants.</summary>
    public int BatchSize { get; init; } = WorkloadSizes.BatchSize;

    /// <summary>Measured runs per variant at most; the median is reported.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Wall-clock cap of the whole run, data generation included; slow variants get fewer runs.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(170);

    /// <summary>How long each variant is warmed up on a small prefix of the data, at most.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Bootstrap servers of a Kafka cluster in another process (a real broker, or <c>samples/KafkaMockBroker</c>) for
    /// W5's Kafka variants; null: a librdkafka mock cluster inside this process, whose brokers then share its CPU time.
    /// </summary>
    public string? KafkaBootstrap { get; init; }

    /// <summary>Workload ids to run (case-insensitive); all when empty.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Parts of variant names to run (case-insensitive; a variant runs when its name contains one of them); all when
    /// empty. For profiling one variant beside its hand loop, not for the published tables.
    /// </summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>Sizes for a smoke test: seconds, not minutes; the numbers mean little.</summary>
    public static RatioOptions Quick { get; } = new()
    {
        Events = 200_000,
        WindowEvents = 200_000,
        Lines = 20_000,
        BatchSize = 50_000,
        TableRows = 50_000,
        JoinRows = 200_000,
        Runs = 3,
        Budget = TimeSpan.FromSeconds(60),
        WarmUp = TimeSpan.FromSeconds(1),
    };

    /// <summary>Whether the variant named <paramref name="name"/> is selected.</summary>
    public bool IncludesVariant(string name) =>
        Variants.Count == 0 || Variants.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether workload <paramref name="id"/> is selected.</summary>
    public bool Includes(string id) => Only.Count == 0 || Only.Contains(id);

    /// <summary>
    /// Parses the arguments after <c>--ratio</c>: <c>--quick</c> first picks the smoke-test defaults, then
    /// <c>--events N --window-events N --lines N --batch N --runs N --budget SECONDS --kafka-bootstrap SERVERS --variants Dictionary,Update --only W1,W3</c>
    /// override them.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value; the message names it.</exception>
    public static RatioOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? Quick : new RatioOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--ratio" or "--quick":
                    break;
                case "--events":
                    options = options with { Events = PositiveInt(args, ++i, arg) };
                    break;
                case "--window-events":
                    options = options with { WindowEvents = PositiveInt(args, ++i, arg) };
                    break;
                case "--lines":
                    options = options with { Lines = PositiveInt(args, ++i, arg) };
                    break;
                case "--batch":
                    options = options with { BatchSize = PositiveInt(args, ++i, arg) };
                    break;
                case "--runs":
                    options = options with { Runs = PositiveInt(args, ++i, arg) };
                    break;
                case "--budget":
                    options = options with { Budget = TimeSpan.FromSeconds(PositiveInt(args, ++i, arg)) };
                    break;
                case "--table-rows":
                    options = options with { TableRows = PositiveInt(args, ++i, arg) };
                    break;
                case "--join-rows":
                    options = options with { JoinRows = PositiveInt(args, ++i, arg) };
                    break;
                case "--kafka-bootstrap":
                    options = options with { KafkaBootstrap = Value(args, ++i, arg) };
                    break;
                case "--variants":
                    options = options with { Variants = Value(args, ++i, arg).Split(',', StringSplitOptions.RemoveEmptyEntries) };
                    break;
                case "--only":
                    options = options with { Only = new HashSet<string>(Value(args, ++i, arg).Split(','), StringComparer.OrdinalIgnoreCase) };
                    break;
                default:
                    throw new ArgumentException($"Unknown ratio option '{arg}'. Options: --quick --events N --window-events N --lines N --table-rows N --join-rows N --batch N --runs N --budget SECONDS --kafka-bootstrap SERVERS --variants NAME,NAME --only {string.Join(",", KnownWorkloads)}.");
            }
        }
        foreach (string id in options.Only)
        {
            if (!KnownWorkloads.Contains(id, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"--only names unknown workload '{id}'; known: {string.Join(", ", KnownWorkloads)}.");
        }
        return options;
    }

    /// <summary>The ids the ratio runner knows.</summary>
    public static IReadOnlyList<string> KnownWorkloads { get; } = ["W1", "W2a", "W2", "W2b", "Sliding1", "Sliding4", "Sliding16", "W3", "W5", "T1", "W4", "J1"];

    private static string Value(IReadOnlyList<string> args, int index, string option) =>
        index < args.Count ? args[index] : throw new ArgumentException($"Option '{option}' needs a value.");

    private static int PositiveInt(IReadOnlyList<string> args, int index, string option)
    {
        string text = Value(args, index, option).Replace("_", "", StringComparison.Ordinal);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
            throw new ArgumentException($"Option '{option}' needs a positive whole number, not '{args[index]}'.");
        return value;
    }
}
