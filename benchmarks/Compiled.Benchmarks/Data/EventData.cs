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

    /// <summary>
    /// W2b's dense events: <paramref name="count"/> events, <see cref="WorkloadSizes.DenseEventsPerMs"/> per millisecond of
    /// event time (so 1,000,000 per 10-second window) in time order, Key uniform in [0, 10000) and Value uniform in
    /// [0, 1000), drawn from <c>new Random(42)</c>.
    /// </summary>
    public static Ev[] GenerateDense(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(WorkloadSizes.Seed);
        var events = GC.AllocateUninitializedArray<Ev>(count);
        for (int i = 0; i < events.Length; i++)
        {
            int key = random.Next(WorkloadSizes.DenseKeys);
            int value = random.Next(WorkloadSizes.ValueRange);
            events[i] = new Ev(i / WorkloadSizes.DenseEventsPerMs, key, value);
        }
        return events;
    }
}
