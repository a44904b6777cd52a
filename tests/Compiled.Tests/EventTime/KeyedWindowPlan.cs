using Compiled.Aggregation;
using Compiled.Batches;
using Compiled.Plans;
using Compiled.Windows;

namespace Compiled.Tests.EventTime;

/// <summary>
/// A hand-written plan in the generator's shape for
/// <c>events.WithWatermark(e => e.TimeMs, delay).GroupBy(e => (Window.X(e.TimeMs, ...), e.Key)).Select(g => new WindowTotal(...Sum, Count, Max))</c>
/// over any window kind, so the differential tests cover tumbling, sliding and session windows with a string key part.
/// </summary>
public sealed class KeyedWindowPlan : IQueryPlan<WindowTotal>
{
    public const string OperatorId = "aggregate0";

    private readonly WindowKind _kind;
    private readonly OutputMode _mode;
    private readonly TimeSpan _size;
    private readonly TimeSpan _slide;
    private readonly bool _lateRowsToSink;
    private readonly BatchTable<WindowKey<string>, TotalState, WindowKeyOps<string, StringKeyOps>> _table0 = new();
    private TumblingWindowAggregation<string, TotalState, StringKeyOps>? _tumbling;
    private SlidingWindowAggregation<string, TotalState, StringKeyOps>? _sliding;
    private SessionWindowAggregation<string, TotalState, StringKeyOps>? _session;

    /// <param name="kind">The window function.</param>
    /// <param name="mode">The output mode.</param>
    /// <param name="delay">The watermark delay.</param>
    /// <param name="size">Window size (tumbling, sliding) or constant gap (session).</param>
    /// <param name="slide">Slide of a sliding window.</param>
    /// <param name="lateRows">Drop late rows or route them to a late-row sink.</param>
    public KeyedWindowPlan(WindowKind kind, OutputMode mode, TimeSpan delay, TimeSpan size, TimeSpan slide = default, LateRows lateRows = LateRows.Drop)
    {
        _kind = kind;
        _mode = mode;
        _size = size;
        _slide = slide;
        _lateRowsToSink = lateRows == LateRows.ToSink;
        Info = new QueryPlanInfo(
            "KeyedWindows",
            "keyed-windows-" + kind,
            mode,
            [new InputInfo("events", "Compiled.Tests.EventTime.Event", new WatermarkInfo((long)delay.TotalMilliseconds, lateRows))],
            [new StateOperatorInfo(OperatorId, "Aggregate(Sum, Count, Max by " + kind + " window, Key)", "keyed-" + kind, NeedsNoDataBatch: mode != OutputMode.Complete)],
            "Source(events)\nWatermark\nAggregate\nSink");
    }

    public QueryPlanInfo Info { get; }

    public long EventTimeDeadlineMs =>
        _tumbling?.NextWindowEndMs ?? _sliding?.NextWindowEndMs ?? _session!.NextWindowEndMs;

    public void Open(PlanContext context)
    {
        switch (_kind)
        {
            case WindowKind.Tumbling:
                _tumbling = new TumblingWindowAggregation<string, TotalState, StringKeyOps>(context, OperatorId, _mode, _size);
                break;
            case WindowKind.Sliding:
                _sliding = new SlidingWindowAggregation<string, TotalState, StringKeyOps>(context, OperatorId, _mode, _size, _slide);
                break;
            case WindowKind.Session:
                _session = new SessionWindowAggregation<string, TotalState, StringKeyOps>(context, OperatorId, _mode, _size);
                break;
            default:
                _session = new SessionWindowAggregation<string, TotalState, StringKeyOps>(context, OperatorId, _mode, gap: null);
                break;
        }
    }

    public void Execute(BatchInputs inputs, RowBuffer<WindowTotal> output, BatchContext batch)
    {
        _table0.Clear();
        var __time0 = batch.StartEventTime(0);
        RowBuffer<Event>? __late0 = _lateRowsToSink ? batch.LateRows<Event>(0) : null;
        foreach (var __r0 in inputs.Get<Event>(0))
        {
            long __t0 = __r0.TimeMs;
            if (!__time0.Accept(__t0))
            {
                __late0?.Add(__r0);
                continue;
            }
            // Tumbling and sliding rows fold straight into their window's (pane's) table; sessions pre-aggregate the batch.
            WindowKey<string> __session;
            TotalState __unset = default;
            ref TotalState __acc = ref __unset;
            bool __added;
            switch (_kind)
            {
                case WindowKind.Tumbling:
                    __acc = ref _tumbling!.Accumulate(_tumbling.StartOf(__t0), __r0.Key, out __added);
                    break;
                case WindowKind.Sliding:
                    __acc = ref _sliding!.Accumulate(_sliding.StartOf(__t0), __r0.Key, out __added);
                    break;
                case WindowKind.Session:
                    __session = _session!.Assign(__t0, __r0.Key);
                    __acc = ref _table0.FindOrAdd(in __session, out __added);
                    break;
                default:
                    if (__r0.GapMs <= 0) continue;
                    __session = SessionWindowAggregation<string, TotalState, StringKeyOps>.Assign(__t0, __r0.GapMs, __r0.Key);
                    __acc = ref _table0.FindOrAdd(in __session, out __added);
                    break;
            }
            __acc.Sum += __r0.Value;
            __acc.Count++;
            if (__added || __r0.Value > __acc.Max) __acc.Max = __r0.Value;
        }
        batch.EndEventTime(0, in __time0, stateOperator: 0);
        var __emitter = new TotalEmitter(output);
        _tumbling?.Apply(batch.WatermarkMs, ref __emitter);
        _sliding?.Apply(batch.WatermarkMs, ref __emitter);
        _session?.Apply(_table0, batch.WatermarkMs, ref __emitter);
    }

    /// <summary>Accumulator: Sum, Count, Max.</summary>
    public struct TotalState : IWindowAccumulator<TotalState>
    {
        public long Sum;
        public long Count;
        public int Max;

        public static void Merge(ref TotalState into, in TotalState earlier)
        {
            if (earlier.Count > 0 && (into.Count == 0 || earlier.Max > into.Max)) into.Max = earlier.Max;
            into.Sum += earlier.Sum;
            into.Count += earlier.Count;
        }
    }

    /// <summary>Hashing and equality of the string key part.</summary>
    public readonly struct StringKeyOps : IBatchKeyOps<string>
    {
        public bool StoresHash => true;

        public int Hash(in string key) => key is null ? 0 : key.GetHashCode();

        public bool Equal(in string a, in string b) => string.Equals(a, b);
    }

    private readonly struct TotalEmitter(RowBuffer<WindowTotal> output) : IWindowEmitter<string, TotalState>
    {
        public void Emit(in WindowKey<string> window, in TotalState accumulator) =>
            output.Add(new WindowTotal(window.StartMs, window.EndMs, window.Key, accumulator.Sum, accumulator.Count, accumulator.Max));
    }
}
