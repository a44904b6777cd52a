using Compiled.CrashHost;

namespace Compiled.CrashTests.TestSupport;

/// <summary>
/// The keyed host's input (<see cref="KeyedHost"/>): <see cref="FileCount"/> files of ticks and as many of
/// acknowledgements from a fixed seed, with what the join and the deduplication must output, by LINQ to Objects.
/// </summary>
/// <remarks>
/// Tick times advance a minute per file, a tenth of them up to 8 s late; file N holds keys kN..kN+2 (mod 7), so a key
/// leaves the input for a few files and its session times out. Three ticks in four are acknowledged in the
/// same file or up to two files later, and a few acknowledgements match no tick.
/// </remarks>
public sealed class KeyedInput
{
    public const int FileCount = 12;
    private const int TicksPerFile = 40;
    private const int Seed = 20261204;

    private KeyedInput(Tick[][] ticks, Ack[][] acks)
    {
        TickFiles = ticks;
        AckFiles = acks;
    }

    /// <summary>The ticks of each file, in batch order.</summary>
    public Tick[][] TickFiles { get; }

    /// <summary>The acknowledgements of each file, in batch order.</summary>
    public Ack[][] AckFiles { get; }

    /// <summary>The same input every time.</summary>
    public static KeyedInput Create()
    {
        var random = new Random(Seed);
        var start = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        var ticks = new Tick[FileCount][];
        var acks = Enumerable.Range(0, FileCount).Select(_ => new List<Ack>()).ToArray();
        long id = 0;
        for (int f = 0; f < FileCount; f++)
        {
            ticks[f] = new Tick[TicksPerFile];
            for (int i = 0; i < TicksPerFile; i++)
            {
                var time = start.AddSeconds(f * 60 + i * 1.5);
                if (random.Next(10) == 0) time = time.AddSeconds(-random.Next(1, 9));
                var tick = new Tick(id++, "k" + (f + random.Next(3)) % 7, random.Next(100), time);
                ticks[f][i] = tick;
                if (tick.Id % 4 != 0) acks[Math.Min(f + random.Next(3), FileCount - 1)].Add(new Ack(tick.Id, time.AddSeconds(1)));
            }
            acks[f].Add(new Ack(100_000 + f, start));
        }
        return new KeyedInput(ticks, acks.Select(a => a.ToArray()).ToArray());
    }

    /// <summary>Writes the files under <paramref name="directory"/>, each under a hidden name first so it appears whole, with increasing modification times.</summary>
    public void WriteTo(string directory)
    {
        JsonLinesFiles.Write(KeyedHost.Ticks(directory), "ticks", TickFiles);
        JsonLinesFiles.Write(KeyedHost.Acks(directory), "acks", AckFiles);
    }

    /// <summary>Every (tick, acknowledgement) pair with the same id: the join's whole output, in any batch and order.</summary>
    public IEnumerable<AckedTick> ExpectedAcked() =>
        TickFiles.SelectMany(f => f).Join(AckFiles.SelectMany(f => f), t => t.Id, a => a.Id, (t, a) => new AckedTick(t.Id, t.Key, t.Value, a.At));

    /// <summary>The first tick of each (key, value mod 10) in input order: the deduplication's output, in order.</summary>
    public IEnumerable<Tick> ExpectedFirst() => TickFiles.SelectMany(f => f).DistinctBy(t => (t.Key, t.Value % 10));
}
