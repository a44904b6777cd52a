using System.Runtime.CompilerServices;

namespace Compiled.Plans;

/// <summary>
/// Follows one input's event times through a batch inside the generated loop: the largest and smallest time seen (from
/// which the engine computes the input's watermark) and the rows that are late. A local struct, so the loop reads and
/// writes registers, not the heap; the plan hands it back with <see cref="BatchContext.EndEventTime"/>.
/// </summary>
public struct EventTimeTracker
{
    private readonly long _lateAtOrBeforeMs;

    internal EventTimeTracker(long lateAtOrBeforeMs)
    {
        _lateAtOrBeforeMs = lateAtOrBeforeMs;
        MaxMs = long.MinValue;
        MinMs = long.MaxValue;
        LateRows = 0;
    }

    /// <summary>Largest event time seen (Unix ms), <see cref="long.MinValue"/> when none.</summary>
    public long MaxMs;

    /// <summary>Smallest event time seen (Unix ms), <see cref="long.MaxValue"/> when none.</summary>
    public long MinMs;

    /// <summary>Rows <see cref="Accept"/> found late.</summary>
    public long LateRows;

    /// <summary>Takes a row's event time into account without judging it (an input whose rows reach no stateful operator).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Observe(long eventTimeMs)
    {
        if (eventTimeMs > MaxMs) MaxMs = eventTimeMs;
        if (eventTimeMs < MinMs) MinMs = eventTimeMs;
    }

    /// <summary>
    /// Takes a row's event time into account and says whether the row counts: false (and counted in
    /// <see cref="LateRows"/>) when it is at or behind the batch's watermark. Late rows still move the maximum, as in Spark,
    /// where the watermark operator sees every row. In Complete mode nothing is late (Spark keeps every row there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(long eventTimeMs)
    {
        Observe(eventTimeMs);
        if (eventTimeMs > _lateAtOrBeforeMs) return true;
        LateRows++;
        return false;
    }
}
