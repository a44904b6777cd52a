using Compiled.Batches;
using Compiled.Plans;
using Compiled.Windows;

namespace Compiled.Tests.EventTime;

/// <summary>
/// The generator's shape for <c>words.GroupBy(w =&gt; (Window.Tumbling(Window.ProcessingTime, 2 s), w)).Select(g =&gt; (g.Key.Item1.StartMs, g.Key.w, g.LongCount()))</c>
/// in Append mode: DStream's <c>countByValueAndWindow</c> with a tumbling window.
/// </summary>
public sealed class ProcessingTimeWordPlan : IQueryPlan<(long StartMs, string Word, long Count)>
{
    private TumblingWindowAggregation<string, CountState, KeyedWindowPlan.StringKeyOps> _windows0 = null!;

    public QueryPlanInfo Info { get; } = new(
        "ProcessingTimeWords",
        "processing-time-words-v1",
        OutputMode.Append,
        [new InputInfo("words", "System.String")],
        [new StateOperatorInfo("aggregate0", "Aggregate(LongCount by Window.Tumbling(Window.ProcessingTime, 2s), w)", "pt-count", NeedsNoDataBatch: true)],
        "Source(words)\nAggregate\nSink");

    public long EventTimeDeadlineMs => long.MaxValue;

    public long ProcessingTimeDeadlineMs => _windows0.NextWindowEndMs;

    public void Open(PlanContext context) =>
        _windows0 = new(context, "aggregate0", OutputMode.Append, TimeSpan.FromSeconds(2), processingTime: true);

    public void Execute(BatchInputs inputs, RowBuffer<(long StartMs, string Word, long Count)> output, BatchContext batch)
    {
        long __start = _windows0.StartOf(batch.BatchTimestampMs);
        foreach (var __r0 in inputs.Get<string>(0))
        {
            ref var __acc = ref _windows0.Accumulate(__start, __r0, out _);
            __acc.Count++;
        }
        var __emitter = new Emitter(output);
        _windows0.Apply(batch.BatchTimestampMs, ref __emitter);
    }

    public struct CountState : IWindowAccumulator<CountState>
    {
        public long Count;

        public static void Merge(ref CountState into, in CountState earlier) => into.Count += earlier.Count;
    }

    private readonly struct Emitter(RowBuffer<(long StartMs, string Word, long Count)> output) : IWindowEmitter<string, CountState>
    {
        public void Emit(in WindowKey<string> window, in CountState accumulator) => output.Add((window.StartMs, window.Key, accumulator.Count));
    }
}
