namespace Compiled.Generators.Model
{
    /// <summary>Deduplication (<c>Distinct</c>, dropDuplicates). The parser reports it as CQ0003 until it is compiled.</summary>
    /// <param name="Key">The columns rows are compared by, or null for the whole row.</param>
    /// <param name="WithinWatermark">True for dropDuplicatesWithinWatermark.</param>
    /// <param name="RowType">The rows kept in state.</param>
    internal sealed record DedupSpec(LambdaSpec? Key, bool WithinWatermark, TypeSpec RowType) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Dedup";
    }

    /// <summary>Arbitrary keyed state (map/flatMapGroupsWithState). The DSL has no such operator yet.</summary>
    /// <param name="Key">The grouping key selector.</param>
    /// <param name="StateType">The user's state type.</param>
    /// <param name="ResultType">The emitted row type.</param>
    /// <param name="EventTimeTimeout">True when timeouts follow the watermark rather than processing time.</param>
    internal sealed record GroupStateSpec(LambdaSpec Key, TypeSpec StateType, TypeSpec ResultType, bool EventTimeTimeout) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "GroupState";
    }
}
