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

    /// <summary>A lambda of two parameters (a join's result or condition), rewritten to compile inside the generated plan.</summary>
    /// <param name="Name">Name of the generated method.</param>
    /// <param name="LeftParameter">The first parameter's name.</param>
    /// <param name="LeftType">C# syntax of the first parameter's type.</param>
    /// <param name="RightParameter">The second parameter's name.</param>
    /// <param name="RightType">C# syntax of the second parameter's type.</param>
    /// <param name="ReturnType">C# syntax of the return type.</param>
    /// <param name="Body">The rewritten body: an expression, or a block when <paramref name="IsBlock"/>.</param>
    /// <param name="IsBlock">True when <paramref name="Body"/> is a block.</param>
    /// <param name="NullableEnabled">The nullable context at the lambda.</param>
    /// <param name="Helpers">Helper methods the body calls.</param>
    /// <param name="Display">The lambda's source text on one line.</param>
    internal sealed record PairLambdaSpec(
        string Name,
        string LeftParameter,
        string LeftType,
        string RightParameter,
        string RightType,
        string ReturnType,
        string Body,
        bool IsBlock,
        bool NullableEnabled,
        ImmutableEquatableArray<string> Helpers,
        string Display);

    /// <summary>A <c>StaticTable&lt;T&gt;</c> parameter of <c>Define</c>: a typed input of <c>Start</c> that the plan indexes.</summary>
    /// <param name="Name">The parameter name.</param>
    /// <param name="RowType">The table's row type.</param>
    /// <param name="Parameter">Its position among <c>Define</c>'s parameters.</param>
    internal sealed record TableSpec(string Name, TypeSpec RowType, int Parameter);

    /// <summary>
    /// A stream-static join: each stream row looks its key up in a static table's hash index. Stateless, so it runs inside
    /// the fused loop; a static table on the left (<paramref name="TableOnLeft"/>) is compiled as the mirrored join.
    /// </summary>
    /// <param name="Table">Index into <see cref="QuerySpec.Tables"/>.</param>
    /// <param name="JoinKind">The join kind as written (with the table on the left when <paramref name="TableOnLeft"/>).</param>
    /// <param name="TableOnLeft">True for <c>table.Join(stream, ...)</c>.</param>
    /// <param name="StreamKey">The stream row's key selector.</param>
    /// <param name="TableKey">The table row's key selector.</param>
    /// <param name="KeyType">The key type.</param>
    /// <param name="Result">The result selector, or null for semi and anti joins (the stream row passes).</param>
    /// <param name="TableRowType">The table's row type.</param>
    internal sealed record StaticJoinSpec(
        int Table,
        JoinKind JoinKind,
        bool TableOnLeft,
        LambdaSpec StreamKey,
        LambdaSpec TableKey,
        TypeSpec KeyType,
        PairLambdaSpec? Result,
        TypeSpec TableRowType) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "StaticJoin";
    }

    /// <summary>A stream-stream join: both sides kept in state, evicted by the watermark and the time range.</summary>
    /// <param name="RightSource">The input the right side starts from.</param>
    /// <param name="RightOperators">The right side's chain after its source: the query is a tree, not a list.</param>
    /// <param name="JoinKind">The join kind.</param>
    /// <param name="LeftKey">The left key selector.</param>
    /// <param name="RightKey">The right key selector.</param>
    /// <param name="KeyType">The key type.</param>
    /// <param name="LeftType">The left row type (after the left chain).</param>
    /// <param name="RightType">The right row type (after the right chain).</param>
    /// <param name="Result">The result selector, or null for semi and anti joins.</param>
    /// <param name="Condition">The further condition on each pair, or null.</param>
    /// <param name="TimeRange">The event-time range read from <paramref name="Condition"/> that bounds the state, or null.</param>
    internal sealed record JoinSpec(
        int RightSource,
        ImmutableEquatableArray<OperatorSpec> RightOperators,
        JoinKind JoinKind,
        LambdaSpec LeftKey,
        LambdaSpec RightKey,
        TypeSpec KeyType,
        TypeSpec LeftType,
        TypeSpec RightType,
        PairLambdaSpec? Result,
        PairLambdaSpec? Condition,
        TimeRangeSpec? TimeRange) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Join";

        /// <summary>Members of the join's result that copy a left row's member unchanged, for watermark lineage.</summary>
        public ImmutableEquatableArray<MemberCopy> LeftCopies { get; init; } = ImmutableEquatableArray<MemberCopy>.Empty;

        /// <summary>Members of the join's result that copy a right row's member unchanged.</summary>
        public ImmutableEquatableArray<MemberCopy> RightCopies { get; init; } = ImmutableEquatableArray<MemberCopy>.Empty;
    }

    /// <summary>
    /// A join's time-range condition: <c>left time - right time</c> within [<paramref name="LowerMs"/>, <paramref name="UpperMs"/>]
    /// (<see cref="long.MinValue"/> or <see cref="long.MaxValue"/> for a missing bound).
    /// </summary>
    /// <param name="LeftTime">Reads the left row's event time.</param>
    /// <param name="LeftKind">Its type.</param>
    /// <param name="LeftMember">The left member read, e.g. <c>ClickTime</c>.</param>
    /// <param name="RightTime">Reads the right row's event time.</param>
    /// <param name="RightKind">Its type.</param>
    /// <param name="RightMember">The right member read.</param>
    /// <param name="LowerMs">Smallest allowed left minus right time, in milliseconds.</param>
    /// <param name="UpperMs">Largest allowed left minus right time, in milliseconds.</param>
    internal sealed record TimeRangeSpec(
        LambdaSpec LeftTime,
        EventTimeKind LeftKind,
        string LeftMember,
        LambdaSpec RightTime,
        EventTimeKind RightKind,
        string RightMember,
        long LowerMs,
        long UpperMs);

    /// <summary><c>Union</c>, <c>Intersect</c> or <c>Except</c> with another stream or a static table.</summary>
    /// <param name="Operation">The method name.</param>
    /// <param name="OtherIsStatic">True when the other side is a static table.</param>
    internal sealed record SetOperationSpec(string Operation, bool OtherIsStatic) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => Operation;

        /// <summary>For a union of two streams, the input the other stream starts from; -1 otherwise.</summary>
        public int OtherSource { get; init; } = -1;

        /// <summary>For a union of two streams, the other stream's chain after its source.</summary>
        public ImmutableEquatableArray<OperatorSpec> OtherOperators { get; init; } = ImmutableEquatableArray<OperatorSpec>.Empty;
    }
}
