using Compiled.CrashHost;

namespace Compiled.CrashTests.TestSupport;

/// <summary>
/// The host's input: <see cref="FileCount"/> JSON-lines files of <see cref="EventsPerFile"/> events from a fixed
/// seed, and what the two queries must output for it, computed with LINQ to Objects.
/// </summary>
/// <remarks>The files get increasing modification times, so with one file per trigger batch N reads file N.</remarks>
public sealed class InputData
{
    public const int FileCount = 12;
    public const int EventsPerFile = 40;
    private const int Seed = 20240611;
    private const int KeyCount = 7;

    private InputData(Event[][] files) => Files = files;

    /// <summary>The events of each file, in batch order.</summary>
    public Event[][] Files { get; }

    /// <summary>The same events every time: ids 0, 1, 2, … over all files.</summary>
    public static InputData Create()
    {
        var random = new Random(Seed);
        long id = 0;
        var files = new Event[FileCount][];
        for (int f = 0; f < FileCount; f++)
        {
            files[f] = new Event[EventsPerFile];
            for (int i = 0; i < EventsPerFile; i++) files[f][i] = new Event(id++, "k" + random.Next(KeyCount), random.Next(100));
        }
        return new InputData(files);
    }

    /// <summary>Writes the files into <paramref name="directory"/>, each under a hidden name first so it appears whole.</summary>
    public void WriteTo(string directory) => JsonLinesFiles.Write(directory, "events", Files);

    /// <summary>What <see cref="DoubledPlan"/> writes, batch after batch.</summary>
    public IReadOnlyList<Doubled> ExpectedDoubled() =>
        Files.SelectMany(file => file).Where(e => e.Value % 3 != 0).Select(e => new Doubled(e.Id, e.Key, e.Value * 2)).ToList();

    /// <summary>What <see cref="TotalsPlan"/> outputs in each batch (Update mode): the running totals of the keys
    /// batch N touched, in order of first appearance in file N.</summary>
    public IReadOnlyList<KeyTotal[]> ExpectedTotalsBatches() =>
        Enumerable.Range(0, Files.Length)
            .Select(n => Files[n].Select(e => e.Key).Distinct()
                .Select(key => Files.Take(n + 1).SelectMany(file => file).Where(e => e.Key == key).ToList())
                .Select(events => new KeyTotal(events[0].Key, events.Count, events.Sum(e => (long)e.Value)))
                .ToArray())
            .ToList();

    /// <summary>The final result table of <see cref="TotalsPlan"/>: count and sum per key over all events.</summary>
    public IReadOnlyDictionary<string, KeyTotal> ExpectedTotalsTable() =>
        Files.SelectMany(file => file).GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => new KeyTotal(g.Key, g.Count(), g.Sum(e => (long)e.Value)));
}
