namespace Compiled.Benchmarks.Data;

/// <summary>Generates the W1/W2a event sequence of benchmarks.md.</summary>
internal static class EventData
{
    /// <summary>
    /// <paramref name="count"/> events with Time = index, Key uniform in [0, 100000) and Value uniform in
    /// [0, 1000), drawn in that order from <c>new Random(42)</c> (whose seeded sequence is stable across
    /// .NET versions), so any prefix of a longer run equals a shorter run.
    /// </summary>
    public static Ev[] Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(WorkloadSizes.Seed);
        var events = GC.AllocateUninitializedArray<Ev>(count);
        for (int i = 0; i < events.Length; i++)
        {
            int key = random.Next(WorkloadSizes.Keys);
            int value = random.Next(WorkloadSizes.ValueRange);
            events[i] = new Ev(i, key, value);
        }
        return events;
    }
}
