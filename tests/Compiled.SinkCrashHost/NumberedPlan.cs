using Compiled.Batches;
using Compiled.CrashHost;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.SinkCrashHost;

/// <summary>
/// A stateful query in Append mode, written by hand: numbers each event within its key, keeping the count per key in
/// state. Every output row is final when written, so it suits append-only sinks, and a lost or doubled state update
/// shows in the numbers.
/// </summary>
public sealed class NumberedPlan : IQueryPlan<Numbered>
{
    /// <summary>The query name, which crash point filters (<c>…:Numbered</c>) match.</summary>
    public const string QueryName = "Numbered";

    private const string OperatorId = "count0";

    private IStateStore<string, long>? _store;

    /// <inheritdoc />
    public QueryPlanInfo Info { get; } = new(
        QueryName, "numbered-v1", OutputMode.Append, [new InputInfo("events", typeof(Event).FullName!)],
        [new StateOperatorInfo(OperatorId, "Count(by Key), emitted per row", "string->long")],
        "Source(events) -> RunningCount(by Key) -> Map(Numbered)");

    /// <inheritdoc />
    public void Open(PlanContext context) =>
        _store = context.GetStateStore<string, long>(OperatorId, keySerializer: Utf8StringSerializer.Instance);

    /// <inheritdoc />
    public void Execute(BatchInputs inputs, RowBuffer<Numbered> output, BatchContext batch)
    {
        var store = _store ?? throw new InvalidOperationException("The plan was not opened.");
        foreach (Event e in inputs.Get<Event>(0))
        {
            store.TryGet(e.Key, out long count);
            store.Put(e.Key, ++count);
            output.Add(new Numbered(e.Id, e.Key, count));
        }
    }
}
