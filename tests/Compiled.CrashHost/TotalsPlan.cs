using Compiled.Batches;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.CrashHost;

/// <summary>The stateful query, written by hand: running count and sum of <see cref="Event.Value"/> per key, in
/// Update mode (each batch outputs the new totals of the keys it touched).</summary>
public sealed class TotalsPlan : IQueryPlan<KeyTotal>
{
    /// <summary>The query name, which the crash point filter (<c>…:Totals</c>) matches.</summary>
    public const string QueryName = "Totals";

    private const string OperatorId = "aggregate0";

    // Keys touched by the current batch, in order of first appearance: the output order must not depend on
    // hashing, so a replayed batch writes the same rows in the same order.
    private readonly List<string> _touched = [];
    private readonly HashSet<string> _touchedSet = new(StringComparer.Ordinal);
    private IStateStore<string, Totals>? _store;

    /// <inheritdoc />
    public QueryPlanInfo Info { get; } = new(
        QueryName, "totals-v1", OutputMode.Update, [new InputInfo("events", typeof(Event).FullName!)],
        [new StateOperatorInfo(OperatorId, "Aggregate(count, sum(Value) by Key)", "string->Totals(long,long)")],
        "Source(events) -> Aggregate(count, sum(Value) by Key)");

    /// <inheritdoc />
    public void Open(PlanContext context) =>
        _store = context.GetStateStore<string, Totals>(OperatorId, keySerializer: Utf8StringSerializer.Instance);

    /// <inheritdoc />
    public void Execute(BatchInputs inputs, RowBuffer<KeyTotal> output, BatchContext batch)
    {
        var store = _store ?? throw new InvalidOperationException("The plan was not opened.");
        _touched.Clear();
        _touchedSet.Clear();
        foreach (Event e in inputs.Get<Event>(0))
        {
            store.TryGet(e.Key, out Totals totals);
            store.Put(e.Key, new Totals(totals.Count + 1, totals.Sum + e.Value));
            if (_touchedSet.Add(e.Key)) _touched.Add(e.Key);
        }
        foreach (string key in _touched)
        {
            store.TryGet(key, out Totals totals);
            output.Add(new KeyTotal(key, totals.Count, totals.Sum));
        }
    }
}
