using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// The query as fused loops: the stages before the first pipeline breaker run in one loop per input row, each
    /// breaker (an aggregation or keyed state) groups the batch's rows (data-centric code generation: only a grouping
    /// stateful operator materialises rows), and the stages after it run once per row it emits, up to the next breaker.
    /// </summary>
    /// <param name="Query">The parsed query.</param>
    /// <param name="Segments">The fused loops in chain order: the source's first, then one per pipeline breaker.</param>
    /// <param name="Write">How the input loop of a stateless plan writes output rows.</param>
    /// <param name="AggregateFromSpan">True when the aggregation looks keys up from span rows (no string per row).</param>
    /// <param name="Description">Operators in order, one per line, for <c>QueryPlanInfo.PlanDescription</c>.</param>
    /// <param name="Fingerprint">Hash of what a checkpoint depends on: inputs, output mode and state schemas.</param>
    /// <param name="StateOperators">The stateful operators in plan order, breakers and deduplications alike; empty for a stateless query.</param>
    /// <remarks>Cache boundary: immutable and value-equal, like the model it derives from.</remarks>
    internal sealed record PhysicalPlan(
        QuerySpec Query,
        ImmutableEquatableArray<PlanSegment> Segments,
        SourceWrite Write,
        bool AggregateFromSpan,
        string Description,
        string Fingerprint,
        ImmutableEquatableArray<StateOperatorPlan> StateOperators)
    {
        /// <summary>The stages fed by the input rows.</summary>
        public ImmutableEquatableArray<Stage> Source => Segments[0].Stages;

        /// <summary>The first pipeline breaker when it is an aggregation, or null.</summary>
        public AggregateSpec? Aggregate => Segments.Count > 1 ? Segments[1].Breaker as AggregateSpec : null;

        /// <summary>The first pipeline breaker's state operator (the aggregation's, when <see cref="Aggregate"/> is set).</summary>
        public StateOperatorPlan? AggregateState => Segments.Count > 1 ? Segments[1].State : null;

        /// <summary>The stages fed by each row the first breaker emits; empty without one.</summary>
        public ImmutableEquatableArray<Stage> AfterAggregate => Segments.Count > 1 ? Segments[1].Stages : ImmutableEquatableArray<Stage>.Empty;

        /// <summary>The stream-stream join fed by <see cref="Source"/> (its left side), or null: see <see cref="StreamJoinPlan"/>.</summary>
        public StreamJoinPlan? StreamJoin { get; init; }

        /// <summary>The union of two streams: a second input loop feeding the stages after it, or null: see <see cref="UnionPlan"/>.</summary>
        public UnionPlan? Union { get; init; }
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
