namespace Compiled.Generators.Model
{
    /// <summary>Deduplication: <c>Distinct()</c>, <c>DropDuplicates(key)</c>, <c>DropDuplicatesWithinWatermark(key)</c>.</summary>
    /// <param name="Key">The columns rows are compared by, or null for the whole row.</param>
    /// <param name="KeyType">The type kept in state: the key's, or the row's for a whole-row deduplication.</param>
    /// <param name="WithinWatermark">True for dropDuplicatesWithinWatermark.</param>
    /// <param name="EventTimeInKey">True when the key holds the watermarked event-time member, so the watermark evicts keys.</param>
    /// <param name="RowType">The rows passed on.</param>
    internal sealed record DedupSpec(LambdaSpec? Key, TypeSpec KeyType, bool WithinWatermark, bool EventTimeInKey, TypeSpec RowType) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Dedup";

        /// <summary>How its keys leave the state, given whether a watermark is declared before it.</summary>
        public DedupEvictionKind Eviction(bool watermarked) =>
            !watermarked ? DedupEvictionKind.Never
            : WithinWatermark ? DedupEvictionKind.TimePlusDelay
            : EventTimeInKey ? DedupEvictionKind.EventTime
            : DedupEvictionKind.Never;
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
