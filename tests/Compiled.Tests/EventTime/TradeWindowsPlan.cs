using Compiled.Aggregation;
using Compiled.Batches;
using Compiled.Plans;
using Compiled.Windows;

namespace Compiled.Tests.EventTime;

/// <summary>
/// Written by hand in exactly the shape the generator emits (docs/event-time.md) for
/// <code>
/// [StreamingQuery(OutputMode.Update)]
/// static partial class TradeWindows
/// {
///     static IStream&lt;TradeTotals&gt; Define(IStream&lt;Trade&gt; trades) => trades
///         .WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))
///         .GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))
///         .Select(g => new TradeTotals(g.Key.Start, g.Key.End,
///                                      g.Sum(t => t.Type == "BUY" ? t.Amount : 0),
///                                      g.Sum(t => t.Type == "SELL" ? t.Amount : 0)));
/// }
/// </code>
/// The output mode and the late-row routing are parameters here so one plan serves every test; the generator fixes them.
/// </summary>
// Plan: Source(trades) -> Watermark(t => t.CreatedTime, 30m) -> Aggregate(Sum, Sum by Window.Tumbling(t.CreatedTime, 15m)) -> Sink
public sealed class TradeWindowsPlan : IQueryPlan<TradeTotals>
{
    private readonly OutputMode _mode;
    private readonly bool _lateRowsToSink;
    private TumblingWindowAggregation<NoKey, Aggregate0State, NoKeyOps> _windows0 = null!;

    public TradeWindowsPlan(OutputMode mode = OutputMode.Update, LateRows lateRows = LateRows.Drop)
    {
        _mode = mode;
        _lateRowsToSink = lateRows == LateRows.ToSink;
        Info = new QueryPlanInfo(
            "TradeWindows",
            "trade-windows-v1",
            mode,
            [new InputInfo("trades", "Compiled.Tests.EventTime.Trade", new WatermarkInfo(30 * 60_000, lateRows))],
            [
                // Schema: aggregate|key=window(tumbling 900000ms)|values=sum:long,sum:long
                new StateOperatorInfo("aggregate0", "Aggregate(Sum, Sum by Window.Tumbling(t.CreatedTime, 15m))", "tumbling-sum-sum",
                    NeedsNoDataBatch: mode != OutputMode.Complete),
            ],
            "Source(trades)\nWatermark(t => t.CreatedTime, 30m)\nAggregate(Sum, Sum by Window.Tumbling(t.CreatedTime, 15m))\nSink");
    }

    public QueryPlanInfo Info { get; }

    public long EventTimeDeadlineMs => _windows0.NextWindowEndMs;

    public void Open(PlanContext context)
    {
        _windows0 = new TumblingWindowAggregation<NoKey, Aggregate0State, NoKeyOps>(context, "aggregate0", _mode, TimeSpan.FromMinutes(15));
    }

    public void Execute(BatchInputs inputs, RowBuffer<TradeTotals> output, BatchContext batch)
    {
        // Plan: Source(trades) -> Watermark(t => t.CreatedTime, 30m) -> Aggregate(fold each row into its window's table)
        var __time0 = batch.StartEventTime(0);
        RowBuffer<Trade>? __late0 = _lateRowsToSink ? batch.LateRows<Trade>(0) : null;
        foreach (var __r0 in inputs.Get<Trade>(0))
        {
            long __t0 = EventTimes.ToUnixMs(EventTime0(__r0));
            if (!__time0.Accept(__t0))
            {
                __late0?.Add(__r0);
                continue;
            }
            ref var __acc = ref _windows0.Accumulate(_windows0.StartOf(__t0), default(NoKey), out _);
            __acc.A0 += Agg1_0(__r0);
            __acc.A1 += Agg1_1(__r0);
        }
        batch.EndEventTime(0, in __time0, stateOperator: 0);
        // Plan: Aggregate -> write the entries this batch changed to state -> emit (by mode) -> close windows behind the watermark
        var __emitter = new Aggregate0Emitter(output);
        _windows0.Apply(batch.WatermarkMs, ref __emitter);
    }

    // Watermark: t => t.CreatedTime
    private static DateTime EventTime0(Trade t) => t.CreatedTime;

    // Sum: t => (long)(t.Type == "BUY" ? t.Amount : 0)
    private static long Agg1_0(Trade t) => t.Type == "BUY" ? t.Amount : 0;

    // Sum: t => (long)(t.Type == "SELL" ? t.Amount : 0)
    private static long Agg1_1(Trade t) => t.Type == "SELL" ? t.Amount : 0;

    // Result: g => new TradeTotals(g.Key.Start, g.Key.End, g.Sum(...), g.Sum(...))
    private static TradeTotals Result1(TimeWindow __key, Aggregate0State __acc) => new(__key.Start, __key.End, __acc.A0, __acc.A1);

    /// <summary>Accumulator of one group: Sum, Sum.</summary>
    public struct Aggregate0State : IWindowAccumulator<Aggregate0State>
    {
        public long A0;
        public long A1;

        /// <summary>Folds <paramref name="earlier"/> into <paramref name="into"/>.</summary>
        public static void Merge(ref Aggregate0State into, in Aggregate0State earlier)
        {
            into.A0 += earlier.A0;
            into.A1 += earlier.A1;
        }
    }

    /// <summary>Turns each emitted window into an output row.</summary>
    private readonly struct Aggregate0Emitter(RowBuffer<TradeTotals> output) : IWindowEmitter<NoKey, Aggregate0State>
    {
        public void Emit(in WindowKey<NoKey> window, in Aggregate0State accumulator) => output.Add(Result1(window.Window, accumulator));
    }
}
