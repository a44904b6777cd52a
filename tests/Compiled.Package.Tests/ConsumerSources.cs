namespace Compiled.Package.Tests;

/// <summary>The C# files the consumer project is built with, one valid query and one per diagnostic tested.</summary>
internal static class ConsumerSources
{
    /// <summary>
    /// As samples/WordCount and docs/getting-started.md: text files in, the console out, stop when all is read.
    /// Before that, the app's own async LINQ, which must bind to .NET's System.Linq.AsyncEnumerable alone:
    /// the package must not bring another one (System.Linq.Async, through FASTER) into the app's references.
    /// The word count keeps its counts in FASTER (the default state store), so FASTER must still load and run.
    /// </summary>
    public const string WordCountProgram = """
        using Compiled;

        List<int> big = await Numbers().Where(x => x > 1).ToListAsync();
        Console.WriteLine("async linq: " + string.Join(",", big));

        var source = Source.TextFiles(args[0]);
        var sink = Sink.Console<WordCount>(new() { NumRows = 1000 });
        await using var query = WordCountQuery.Start(source, sink, new QueryOptions { Trigger = Trigger.AvailableNow });
        await query.AwaitTerminationAsync();

        static async IAsyncEnumerable<int> Numbers()
        {
            for (int i = 0; i < 4; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
        """;

    /// <summary>Where, Select, GroupBy and Count in Complete mode.</summary>
    public const string WordCountQuery = """
        using Compiled;

        public sealed record WordCount(string Word, long Count);

        [StreamingQuery(OutputMode.Complete)]
        public static partial class WordCountQuery
        {
            static IStream<WordCount> Define(IStream<string> lines) => lines
                .SelectMany(line => line.Split(' ', ','))
                .Select(word => word.ToLowerInvariant())
                .Where(word => word.Length > 0)
                .GroupBy(word => word)
                .Select(g => new WordCount(g.Key, g.Count()));
        }
        """;

    /// <summary>CQ0001: the generator cannot add Start to a class that is not partial.</summary>
    public const string NotPartialQuery = """
        using Compiled;

        [StreamingQuery(OutputMode.Append)]
        public static class LongLines
        {
            static IStream<string> Define(IStream<string> lines) => lines.Where(line => line.Length > 80);
        }
        """;

    /// <summary>CQ1001: Complete mode with no GroupBy(...).Select(...).</summary>
    public const string CompleteWithoutAggregationQuery = """
        using Compiled;

        [StreamingQuery(OutputMode.Complete)]
        public static partial class LongLines
        {
            static IStream<string> Define(IStream<string> lines) => lines.Where(line => line.Length > 80);
        }
        """;

    /// <summary>CQ1405: a LINQ operator streams do not have, which C# 14 looks up in .NET 10's System.Linq.AsyncEnumerable.</summary>
    public const string ZipQuery = """
        using Compiled;

        [StreamingQuery(OutputMode.Append)]
        public static partial class Enriched
        {
            static IStream<string> Define(IStream<string> lines, IStream<string> names) => lines
                .Zip(names, (l, n) => l + n);
        }
        """;

    /// <summary>A valid Update-mode aggregation, for <see cref="UpdateIntoFileSinkProgram"/>.</summary>
    public const string UpdateModeQuery = """
        using Compiled;

        public sealed record WordCount(string Word, long Count);

        [StreamingQuery(OutputMode.Update)]
        public static partial class WordCountQuery
        {
            static IStream<WordCount> Define(IStream<string> lines) => lines
                .SelectMany(line => line.Split(' '))
                .GroupBy(word => word)
                .Select(g => new WordCount(g.Key, g.LongCount()));
        }
        """;

    /// <summary>CQ1005 (a warning): Update mode into an append-only file sink. Never run.</summary>
    public const string UpdateIntoFileSinkProgram = """
        using Compiled;

        await using var query = WordCountQuery.Start(Source.TextFiles("in"), Sink.JsonFiles<WordCount>("out"));
        """;
}
