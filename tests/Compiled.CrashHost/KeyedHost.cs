using Compiled.Sources.Files;

namespace Compiled.CrashHost;

/// <summary>
/// The host's <c>keyed</c> mode: the generated join, deduplication, keyed-state, join-then-window, union-then-window and
/// chained-window queries side by side, over FASTER
/// state, each reading one file per side per batch until the input is exhausted (available-now), into file sinks.
/// </summary>
public static class KeyedHost
{
    /// <summary>Query names, which the crash point's query filter and the output directories use.</summary>
    public static readonly string[] Queries = ["AckedTicks", "FirstTicks", "TickSessions", "AckedPerMinute", "BeatsPerMinute", "ChainedTickTotals"];

    /// <summary>Ticks, one JSON-lines file per batch.</summary>
    public static string Ticks(string input) => Path.Combine(input, "ticks");

    /// <summary>Acknowledgements, one JSON-lines file per batch.</summary>
    public static string Acks(string input) => Path.Combine(input, "acks");

    /// <summary>Runs the queries on <paramref name="input"/>, writing under <paramref name="output"/>/&lt;query&gt; with checkpoints under <paramref name="checkpoint"/>/&lt;query&gt;.</summary>
    public static Task<int> RunAsync(string input, string output, string checkpoint)
    {
        var oneFile = new FileSourceOptions { MaxFilesPerTrigger = 1 };
        QueryOptions Options(string query) => new()
        {
            CheckpointLocation = Path.Combine(checkpoint, query),
            Trigger = Trigger.AvailableNow,
            StateStore = StateStoreKind.Faster,
            StateSnapshotInterval = HostLayout.StateSnapshotInterval,
        };
        var acked = AckedTicks.Start(Source.JsonFiles<Tick>(Ticks(input), oneFile), Source.JsonFiles<Ack>(Acks(input), oneFile),
            Sink.JsonFiles<AckedTick>(Path.Combine(output, Queries[0])), Options(Queries[0]));
        var first = FirstTicks.Start(Source.JsonFiles<Tick>(Ticks(input), oneFile), Sink.JsonFiles<Tick>(Path.Combine(output, Queries[1])), Options(Queries[1]));
        var sessions = TickSessions.Start(Source.JsonFiles<Tick>(Ticks(input), oneFile),
            Sink.JsonFiles<TickSession>(Path.Combine(output, Queries[2])), Options(Queries[2]));
        var perMinute = AckedPerMinute.Start(Source.JsonFiles<Tick>(Ticks(input), oneFile), Source.JsonFiles<Ack>(Acks(input), oneFile),
            Sink.JsonFiles<MinuteTotal>(Path.Combine(output, Queries[3])), Options(Queries[3]));
        var beats = BeatsPerMinute.Start(Source.JsonFiles<Tick>(Ticks(input), oneFile), Source.JsonFiles<Ack>(Acks(input), oneFile),
            Sink.JsonFiles<MinuteTotal>(Path.Combine(output, Queries[4])), Options(Queries[4]));
        var chained = ChainedTickTotals.Start(Source.JsonFiles<Tick>(Ticks(input), oneFile),
            Sink.JsonFiles<MinuteTotal>(Path.Combine(output, Queries[5])), Options(Queries[5]));
        return HostQueries.AwaitAllAsync([acked, first, sessions, perMinute, beats, chained]);
    }
}
