namespace Compiled.Generators.Model
{
    /// <summary>Join kinds, as Spark names them.</summary>
    internal enum JoinKind
    {
        /// <summary>Rows with a match on both sides.</summary>
        Inner,
        /// <summary>Every left row, with its matches or nulls.</summary>
        LeftOuter,
        /// <summary>Every right row, with its matches or nulls.</summary>
        RightOuter,
        /// <summary>Every row of either side.</summary>
        FullOuter,
        /// <summary>Left rows with at least one match.</summary>
        LeftSemi,
        /// <summary>Left rows without a match.</summary>
        LeftAnti,
    }

    /// <summary>A stream-stream or stream-static join. The parser does not produce it yet (joins are CQ0003).</summary>
    /// <param name="RightSource">The input the right side starts from.</param>
    /// <param name="RightOperators">The right side's chain after its source: the query is a tree, not a list.</param>
    /// <param name="JoinKind">The join kind.</param>
    /// <param name="LeftKey">The left key selector.</param>
    /// <param name="RightKey">The right key selector.</param>
    /// <param name="TimeRange">The event-time range condition that bounds the join's state, or null.</param>
    /// <param name="ResultType">The joined row type.</param>
    internal sealed record JoinSpec(
        int RightSource,
        ImmutableEquatableArray<OperatorSpec> RightOperators,
        JoinKind JoinKind,
        LambdaSpec LeftKey,
        LambdaSpec RightKey,
        TimeRangeSpec? TimeRange,
        TypeSpec ResultType) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Join";
    }

    /// <summary>A join's time-range condition: <c>left.Time</c> within [<c>right.Time</c> + lower, <c>right.Time</c> + upper].</summary>
    /// <param name="LeftTime">The left side's event-time member.</param>
    /// <param name="RightTime">The right side's event-time member.</param>
    /// <param name="LowerMs">Lower bound of left minus right, in milliseconds.</param>
    /// <param name="UpperMs">Upper bound of left minus right, in milliseconds.</param>
    internal sealed record TimeRangeSpec(string LeftTime, string RightTime, long LowerMs, long UpperMs);

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
