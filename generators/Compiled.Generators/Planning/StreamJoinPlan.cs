using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// A stream-stream join's physical plan: the left input's fused loop (<see cref="PhysicalPlan.Source"/>) and the right
    /// input's each end in a probe of the other side's buffered rows and an insert into their own; every joined row runs
    /// through <see cref="AfterJoin"/> in one emit method.
    /// </summary>
    /// <param name="Join">The join.</param>
    /// <param name="Right">The right input's stages.</param>
    /// <param name="AfterJoin">The stages fed by each joined row.</param>
    internal sealed record StreamJoinPlan(JoinSpec Join, ImmutableEquatableArray<Stage> Right, ImmutableEquatableArray<Stage> AfterJoin)
    {
        /// <summary>The second join of <c>(a join b) join c</c>, whose left rows are this join's rows after <see cref="AfterJoin"/>; null for one join.</summary>
        public StreamJoinPlan? Then { get; init; }
    }
}
