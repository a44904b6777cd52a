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
}
