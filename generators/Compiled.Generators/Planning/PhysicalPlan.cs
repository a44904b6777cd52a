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
    /// <param name="StateOperator">The aggregation's state operator, or null for a stateless query.</param>
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
        StateOperatorPlan? StateOperator);

    /// <summary>A stateful operator's identity in the checkpoint.</summary>
    /// <param name="OperatorId">Stable id, the name of its state directory.</param>
    /// <param name="OperatorName">Human name for errors and progress.</param>
    /// <param name="SchemaFingerprint">Hash of the canonical key and value schema.</param>
    /// <param name="Schema">The canonical schema text the fingerprint hashes.</param>
    internal sealed record StateOperatorPlan(string OperatorId, string OperatorName, string SchemaFingerprint, string Schema);
}
