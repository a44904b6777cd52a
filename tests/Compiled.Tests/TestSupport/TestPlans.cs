using Compiled.Batches;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Tests.TestSupport;

/// <summary>Stateless plan: each int becomes "v{n}". Records what every batch saw, for replay assertions.</summary>
public sealed class MapPlan : IQueryPlan<string>
{
    public MapPlan(string name = "MapQuery", string fingerprint = "map-v1", OutputMode mode = OutputMode.Append, bool reportEventTime = false)
    {
        // Reporting event times means the input declares WithWatermark(n => n, delay 0).
        Info = new QueryPlanInfo(name, fingerprint, mode,
            [new InputInfo("numbers", "System.Int32", reportEventTime ? new WatermarkInfo(0) : null)], [], "Source(numbers) -> Map(v{n})");
        _reportEventTime = reportEventTime;
    }

    private readonly bool _reportEventTime;

    public QueryPlanInfo Info { get; }

    /// <summary>Per executed batch: id, timestamp, watermark, input rows.</summary>
    public List<(long BatchId, long TimestampMs, long WatermarkMs, int[] Rows)> Executed { get; } = [];

    /// <summary>Thrown from Execute when set (the failure of a plan).</summary>
    public Func<long, Exception?>? FailOn { get; set; }

    public void Open(PlanContext context)
    {
    }

    public void Execute(BatchInputs inputs, RowBuffer<string> output, BatchContext batch)
    {
        if (FailOn?.Invoke(batch.BatchId) is { } failure) throw failure;
        var rows = inputs.Get<int>(0);
        lock (Executed) Executed.Add((batch.BatchId, batch.BatchTimestampMs, batch.WatermarkMs, rows.ToArray()));
        var eventTime = batch.StartEventTime(0);
        foreach (int n in rows)
        {
            output.Add("v" + n);
            // Rows are event times in ms.
            if (_reportEventTime) eventTime.Observe(n);
        }
        batch.EndEventTime(0, in eventTime, stateOperator: -1);
    }
}

/// <summary>Stateful plan: running count per word in an in-memory state store, emitted in Update or Complete mode.</summary>
public sealed class KeyedCountPlan : IQueryPlan<(string Key, long Count)>
{
    public const string OperatorId = "aggregate0";
    private IStateStore<string, long>? _store;

    public KeyedCountPlan(OutputMode mode = OutputMode.Complete, string schemaFingerprint = "string->long")
    {
        Info = new QueryPlanInfo("CountQuery", "count-v1", mode, [new InputInfo("words", "System.String")],
            [new StateOperatorInfo(OperatorId, "Aggregate(count by word)", schemaFingerprint)], "Source(words) -> Aggregate(count)");
    }

    public QueryPlanInfo Info { get; }

    public void Open(PlanContext context) => _store = context.GetStateStore<string, long>(OperatorId);

    public void Execute(BatchInputs inputs, RowBuffer<(string Key, long Count)> output, BatchContext batch)
    {
        var store = _store!;
        var changed = new HashSet<string>();
        foreach (string word in inputs.Get<string>(0))
        {
            store.TryGet(word, out long count);
            store.Put(word, count + 1);
            changed.Add(word);
        }
        if (Info.OutputMode == OutputMode.Complete)
        {
            var collect = new Collector { Output = output };
            store.ForEach(ref collect);
        }
        else
        {
            foreach (string word in changed)
            {
                store.TryGet(word, out long count);
                output.Add((word, count));
            }
        }
    }

    private struct Collector : IStateVisitor<string, long>
    {
        public RowBuffer<(string Key, long Count)> Output;

        public void Visit(in string key, in long value) => Output.Add((key, value));
    }
}

/// <summary>Stateless plan: each line of input 0 is written unchanged.</summary>
public sealed class LinesPlan : IQueryPlan<string>
{
    public QueryPlanInfo Info { get; } = new("LinesQuery", "lines-v1", OutputMode.Append, [new InputInfo("lines", "System.String")], [], "Source(lines)");

    public void Open(PlanContext context)
    {
    }

    public void Execute(BatchInputs inputs, RowBuffer<string> output, BatchContext batch) => output.AddRange(inputs.Get<string>(0));
}
