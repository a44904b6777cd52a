using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// The query as fused loops: the stages before the aggregation run in one loop per input row, the aggregation
    /// breaks the pipeline (data-centric code generation: only a stateful operator materialises rows), and the stages
    /// after it run once per emitted group.
    /// </summary>
    /// <param name="Query">The parsed query.</param>
    /// <param name="Source">The stages fed by the input rows.</param>
    /// <param name="Aggregate">The aggregation, if any.</param>
    /// <param name="Write">How the input loop of a stateless plan writes output rows.</param>
    /// <param name="AggregateFromSpan">True when the aggregation looks keys up from span rows (no string per row).</param>
    /// <param name="AfterAggregate">The stages fed by each group's result row.</param>
    /// <param name="Description">Operators in order, one per line, for <c>QueryPlanInfo.PlanDescription</c>.</param>
    /// <param name="Fingerprint">Hash of what a checkpoint depends on: inputs, output mode and state schemas.</param>
    /// <param name="StateOperators">The stateful operators in plan order, each breaking the fused pipeline; empty for a stateless query.</param>
    /// <remarks>Cache boundary: immutable and value-equal, like the model it derives from.</remarks>
    internal sealed record PhysicalPlan(
        QuerySpec Query,
        ImmutableEquatableArray<Stage> Source,
        SourceWrite Write,
        AggregateSpec? Aggregate,
        bool AggregateFromSpan,
        ImmutableEquatableArray<Stage> AfterAggregate,
        string Description,
        string Fingerprint,
        ImmutableEquatableArray<StateOperatorPlan> StateOperators)
    {
        /// <summary>The stream-stream join fed by <see cref="Source"/> (its left side), or null: see <see cref="StreamJoinPlan"/>.</summary>
        public StreamJoinPlan? StreamJoin { get; init; }
    }

    /// <summary>A stateful operator's identity in the checkpoint and what the engine must do for it.</summary>
    /// <param name="OperatorId">Stable id, the name of its state directory: its kind and ordinal, e.g. <c>aggregate0</c>.</param>
    /// <param name="OperatorName">Human name for errors and progress.</param>
    /// <param name="SchemaFingerprint">Hash of the canonical key and value schema of all its stores.</param>
    /// <param name="Schema">The canonical schema text the fingerprint hashes.</param>
    /// <param name="Stores">The state stores it opens.</param>
    /// <param name="Emission">When it writes rows.</param>
    /// <param name="EvictsBehindWatermark">True when the watermark removes its state (windows whose end passed it).</param>
    /// <param name="NeedsNoDataBatch">True when a moved watermark (or trigger time) alone can make it emit or evict, so the engine runs a batch without new rows.</param>
    internal sealed record StateOperatorPlan(
        string OperatorId,
        string OperatorName,
        string SchemaFingerprint,
        string Schema,
        ImmutableEquatableArray<StateStorePlan> Stores,
        StateEmission Emission,
        bool EvictsBehindWatermark,
        bool NeedsNoDataBatch);

    /// <summary>One state store of a stateful operator.</summary>
    /// <param name="Name">The store's name, unique in the query (the operator id for an operator's only store).</param>
    /// <param name="Schema">Canonical key and value schema text.</param>
    /// <param name="SchemaFingerprint">Hash of <paramref name="Schema"/>.</param>
    internal sealed record StateStorePlan(string Name, string Schema, string SchemaFingerprint);

    /// <summary>When a stateful operator writes its rows, by output mode (Spark's rules).</summary>
    internal enum StateEmission
    {
        /// <summary>Update: the rows whose state changed in this batch.</summary>
        Changed,
        /// <summary>Complete: every row of the state after every batch.</summary>
        All,
        /// <summary>Append: a row once, when the watermark passed its window's end; then its state is evicted.</summary>
        Final,
    }
}
