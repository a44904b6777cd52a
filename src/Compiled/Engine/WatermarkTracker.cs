using Compiled.Plans;

namespace Compiled.Engine;

/// <summary>
/// The query's watermarks: per input that declares <c>WithWatermark</c>, the largest event time it has seen minus its
/// delay; for the query, the minimum (or, by <see cref="MultipleWatermarkPolicy.Max"/>, the maximum) over those inputs.
/// Both only move forward and only between batches; both are logged in <c>offsets/N</c> (in force for batch N) and
/// <c>commits/N</c> (for the next batch).
/// </summary>
/// <remarks>
/// An input that has declared a watermark but seen no row yet has none (<see cref="long.MinValue"/>); under the minimum
/// policy it holds the query's watermark back until it has data, as Spark's (which counts it as the epoch) does.
/// </remarks>
internal sealed class WatermarkTracker
{
    private readonly long[] _delaysMs;
    private readonly bool[] _watermarked;
    private readonly long[] _inputMs;
    private readonly MultipleWatermarkPolicy _policy;

    /// <summary>Creates the tracker as recovered from the checkpoint.</summary>
    /// <param name="inputs">The plan's inputs.</param>
    /// <param name="policy">How the query's watermark is chosen.</param>
    /// <param name="initialMs">The query's watermark for the next batch.</param>
    /// <param name="initialInputMs">Each input's watermark for the next batch; null for a checkpoint written before they were logged.</param>
    internal WatermarkTracker(IReadOnlyList<InputInfo> inputs, MultipleWatermarkPolicy policy, long initialMs, IReadOnlyList<long>? initialInputMs)
    {
        _policy = policy;
        _delaysMs = new long[inputs.Count];
        _watermarked = new bool[inputs.Count];
        _inputMs = new long[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            _watermarked[i] = inputs[i].Watermark is not null;
            _delaysMs[i] = inputs[i].Watermark?.DelayMs ?? 0;
            HasWatermarks |= _watermarked[i];
            _inputMs[i] = initialInputMs is not null && i < initialInputMs.Count ? initialInputMs[i] : long.MinValue;
        }
        CurrentMs = initialMs;
    }

    /// <summary>True when some input declares a watermark.</summary>
    internal bool HasWatermarks { get; }

    /// <summary>The query's watermark for the next batch (Unix ms); <see cref="long.MinValue"/> when none.</summary>
    internal long CurrentMs { get; private set; }

    /// <summary>Each input's watermark for the next batch, for the logs; null when no input declares one (nothing is logged).</summary>
    internal long[]? InputsMs => HasWatermarks ? (long[])_inputMs.Clone() : null;

    /// <summary>Takes a finished batch's event times into account; returns the query's new watermark.</summary>
    internal long Advance(BatchContext batch)
    {
        for (int i = 0; i < _inputMs.Length; i++)
        {
            long max = batch.InputMaxEventTimeMs(i);
            if (!_watermarked[i] || max == long.MinValue) continue;
            // Saturates instead of wrapping for times near the start of the long range.
            long candidate = max < long.MinValue + _delaysMs[i] ? long.MinValue : max - _delaysMs[i];
            if (candidate > _inputMs[i]) _inputMs[i] = candidate;
        }
        long chosen = Choose();
        if (chosen > CurrentMs) CurrentMs = chosen;
        return CurrentMs;
    }

    private long Choose()
    {
        long chosen = _policy == MultipleWatermarkPolicy.Min ? long.MaxValue : long.MinValue;
        bool any = false;
        for (int i = 0; i < _inputMs.Length; i++)
        {
            if (!_watermarked[i]) continue;
            any = true;
            chosen = _policy == MultipleWatermarkPolicy.Min ? Math.Min(chosen, _inputMs[i]) : Math.Max(chosen, _inputMs[i]);
        }
        return any ? chosen : long.MinValue;
    }
}
