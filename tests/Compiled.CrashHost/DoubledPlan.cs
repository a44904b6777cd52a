using Compiled.Batches;
using Compiled.Plans;

namespace Compiled.CrashHost;

/// <summary>The stateless query, written by hand as generated code would be: keep events whose value is not a
/// multiple of 3 and double the value.</summary>
public sealed class DoubledPlan : IQueryPlan<Doubled>
{
    /// <summary>The query name, which the crash point filter (<c>…:Doubled</c>) matches.</summary>
    public const string QueryName = "Doubled";

    /// <inheritdoc />
    public QueryPlanInfo Info { get; } = new(
        QueryName, "doubled-v1", OutputMode.Append, [new InputInfo("events", typeof(Event).FullName!)], [],
        "Source(events) -> Filter(Value % 3 != 0) -> Map(Doubled)");

    /// <summary>The reference semantics: what the query outputs for <paramref name="e"/>, if anything.</summary>
    public static bool TryMap(Event e, out Doubled output)
    {
        output = new Doubled(e.Id, e.Key, e.Value * 2);
        return e.Value % 3 != 0;
    }

    /// <inheritdoc />
    public void Open(PlanContext context)
    {
    }

    /// <inheritdoc />
    public void Execute(BatchInputs inputs, RowBuffer<Doubled> output, BatchContext batch)
    {
        foreach (Event e in inputs.Get<Event>(0))
        {
            if (TryMap(e, out Doubled row)) output.Add(row);
        }
    }
}
