using System.Globalization;
using System.Text.Json;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;
using Compiled.Sources.Files;
using Compiled.Testing.Joins;
using ImpressionsClicks;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>
/// The ImpressionsClicks sample's queries on its bundled files, one file of each directory per batch as
/// <c>--max-files-per-trigger 1 --trigger available-now</c> runs them: the rows printed must be what the Spark join
/// reference computes over the same batches, and the left outer join prints every unclicked impression once.
/// </summary>
public sealed class ImpressionsClicksSampleTests : IDisposable
{
    private static readonly string s_data = Path.Combine(AppContext.BaseDirectory, "ImpressionsClicksData");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(JoinType.LeftOuter)]
    [InlineData(JoinType.Inner)]
    public async Task Bundled_files_give_the_reference_join(JoinType type)
    {
        var fileOptions = new FileSourceOptions { MaxFilesPerTrigger = 1 };
        var impressions = Source.JsonFiles<Impression>(Path.Combine(s_data, "impressions"), fileOptions);
        var clicks = Source.JsonFiles<Click>(Path.Combine(s_data, "clicks"), fileOptions);
        var printed = new List<ImpressionClick>();
        var sink = Sink.ForeachBatch<ImpressionClick>((rows, _) =>
        {
            lock (printed) printed.AddRange(rows);
        });
        var options = new QueryOptions { CheckpointLocation = _dir.Combine("checkpoint"), Trigger = Trigger.AvailableNow };
        await using (var query = type == JoinType.Inner
            ? ImpressionsClicksInner.Start(impressions, clicks, sink, options)
            : ImpressionsClicksLeftOuter.Start(impressions, clicks, sink, options))
        {
            await query.AwaitTerminationAsync().Within();
            Assert.Null(query.Exception);
        }

        var reference = new StreamJoinReference<Impression, Click, string, ImpressionClick>
        {
            LeftKey = i => i.ImpressionID,
            RightKey = c => c.ImpressionID,
            LeftTimeMs = i => EventTimes.ToUnixMs(i.CreatedTime),
            RightTimeMs = c => EventTimes.ToUnixMs(c.CreatedTime),
            LeftDelayMs = 30 * 60_000,
            RightDelayMs = 30 * 60_000,
            LowerMs = -15 * 60_000,
            UpperMs = 0,
            Type = type,
            Result = (i, c) => new ImpressionClick(i.ImpressionID, i.Campaigner, Text(i.CreatedTime), c is null ? null : Text(c.CreatedTime)),
        };
        var expected = new List<ImpressionClick>();
        for (int file = 1; file <= 3; file++)
            expected.AddRange(reference.Batch(Read<Impression>("impressions", file), Read<Click>("clicks", file)));
        expected.AddRange(reference.Batch([], []));

        Assert.Equal(Sorted(expected), Sorted(printed));
        Assert.Contains(printed, r => r.ClickTime is not null);
        if (type == JoinType.LeftOuter)
        {
            var unclicked = printed.Where(r => r.ClickTime is null).Select(r => r.ImpressionID).ToList();
            Assert.NotEmpty(unclicked);
            Assert.Equal(unclicked.Count, unclicked.Distinct().Count());
        }
    }

    private static string Text(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static List<T> Read<T>(string directory, int file) =>
        File.ReadAllLines(Path.Combine(s_data, directory, file + ".json"))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<T>(line)!)
            .ToList();

    private static List<string> Sorted(IEnumerable<ImpressionClick> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
}
