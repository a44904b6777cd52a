using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// One fused loop of a plan: the rows a pipeline breaker emits (the input rows, for the first segment) and the
    /// stages each of them runs through until the next breaker or the sink. A query with stateful operators in a chain
    /// (<c>stages -&gt; aggregate -&gt; stages -&gt; group state ...</c>) has one segment per breaker plus the source's.
    /// </summary>
    /// <param name="Breaker">The operator that groups rows per batch and starts this segment (an aggregation or keyed state), or null for the source segment.</param>
    /// <param name="State">The breaker's state operator, or null for the source segment.</param>
    /// <param name="Stages">The fused stages; a deduplication is one of them, as it passes or drops each row without grouping.</param>
    internal sealed record PlanSegment(OperatorSpec? Breaker, StateOperatorPlan? State, ImmutableEquatableArray<Stage> Stages);
}
