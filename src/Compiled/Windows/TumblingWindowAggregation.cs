using System.Runtime.CompilerServices;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// A tumbling-window aggregation (<c>Window.Tumbling(time, size[, offset])</c>): each row updates the one window holding
/// it. Append emits a window once, when the watermark reaches its end, then evicts it; Update emits the windows a batch
/// changed and evicts closed ones silently; Complete keeps and emits every window.
/// </summary>
/// <remarks>
/// The generated loop places each row in its window and folds it into the window's table
/// (<see cref="TableWindowAggregation{TKey, TAcc, TKeyOps}.Accumulate"/>); the end index holds each window once.
/// </remarks>
/// <typeparam name="TKey">The other key parts (<see cref="NoKey"/> when the window is the whole key).</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
public sealed class TumblingWindowAggregation<TKey, TAcc, TKeyOps> : TableWindowAggregation<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private readonly long _sizeMs;
    private readonly long _offsetMs;

    /// <summary>Creates the aggregation and rebuilds its windows from the recovered state.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="operatorId">The operator's id in <see cref="QueryPlanInfo.StateOperators"/>.</param>
    /// <param name="mode">The query's output mode.</param>
    /// <param name="size">Window length.</param>
    /// <param name="offset">Shift of the window starts from the epoch.</param>
    /// <param name="keySerializer">Serializer of the other key parts when they hold references; null for the built-in one.</param>
    /// <param name="accumulatorSerializer">Serializer of the accumulator when it holds references; null when it is unmanaged.</param>
    /// <param name="processingTime">True for processing-time windows (<c>Window.ProcessingTime</c>), closed by the batch time.</param>
    public TumblingWindowAggregation(
        PlanContext context,
        string operatorId,
        OutputMode mode,
        TimeSpan size,
        TimeSpan offset = default,
        IStateSerializer<TKey>? keySerializer = null,
        IStateSerializer<TAcc>? accumulatorSerializer = null,
        bool processingTime = false)
        : base(context, operatorId, mode, WindowMath.PositiveMs(size, nameof(size)), keySerializer, accumulatorSerializer, processingTime)
    {
        _sizeMs = WindowMath.PositiveMs(size, nameof(size));
        _offsetMs = (long)offset.TotalMilliseconds;
        RestoreTables();
    }

    /// <summary>The start of the window holding a row at <paramref name="timeMs"/> (the generated loop computes it inline with constants).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long StartOf(long timeMs) => WindowMath.AlignedStart(timeMs, _sizeMs, _offsetMs);

    /// <summary>
    /// After the batch's rows were accumulated: emits what the output mode says, writes the changed entries to state, and
    /// closes the windows whose end is at or before <paramref name="watermarkMs"/> (the batch's watermark; the batch time
    /// for processing-time windows).
    /// </summary>
    public void Apply<TEmitter>(long watermarkMs, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        if (Mode == OutputMode.Update)
        {
            foreach (WindowTable<TKey, TAcc, TKeyOps> table in ChangedTables)
            {
                WindowEntries<TKey, TAcc, TKeyOps> entries = table.Entries;
                for (int i = 0; i < entries.Count; i++)
                {
                    ref var entry = ref entries.EntryAt(i);
                    if (ChangedNow(in entry)) emitter.Emit(new WindowKey<TKey>(table.StartMs, table.EndMs, entry.Key), in entry.Accumulator);
                }
            }
        }
        PersistChanges();
        if (Mode == OutputMode.Complete)
        {
            foreach (WindowTable<TKey, TAcc, TKeyOps> table in Tables) EmitTable(table, ref emitter);
            EndBatch();
            return;
        }
        Close(watermarkMs, ref emitter);
        EndBatch();
    }

    /// <summary>
    /// Emits (Append) and evicts the windows whose end is at or before <paramref name="watermarkMs"/>; nothing in Complete
    /// mode. <see cref="Apply"/> does it after the batch's rows; the generated loop calls it before them too when no row
    /// of the batch can land in such a window (the window's time is the watermarked column, and rows at or behind the
    /// watermark are dropped as late), so the batch's new windows reuse the closed windows' tables while they are still
    /// in cache, and the operator holds one batch of windows instead of two.
    /// </summary>
    public void Close<TEmitter>(long watermarkMs, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        if (Mode == OutputMode.Complete) return;
        bool append = Mode == OutputMode.Append;
        while (Ends.TryPeek(out WindowKey<TKey> window, out long end) && end <= watermarkMs)
        {
            Ends.Dequeue();
            if (!TryTake(window.StartMs, out WindowTable<TKey, TAcc, TKeyOps>? table)) continue;
            if (append) EmitTable(table, ref emitter);
            Drop(table);
        }
    }

    private protected override void Opened(WindowTable<TKey, TAcc, TKeyOps> table)
    {
        if (Mode != OutputMode.Complete) Ends.Enqueue(WholeWindow(table.StartMs, table.EndMs), table.EndMs);
    }
}
