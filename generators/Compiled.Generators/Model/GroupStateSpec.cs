namespace Compiled.Generators.Model
{
    /// <summary>
    /// Arbitrary keyed state: <c>GroupBy(key).MapGroupsWithState(...)</c>, <c>.FlatMapGroupsWithState(...)</c> or
    /// <c>.UpdateStateByKey(...)</c> (lowered onto the same operator: called for every stored key, writing <c>KeyState</c> rows).
    /// </summary>
    /// <param name="IsFlatMap">True for FlatMapGroupsWithState (any number of rows per call), false for MapGroupsWithState (one).</param>
    /// <param name="Key">The grouping key selector.</param>
    /// <param name="KeyType">The key type, kept in state.</param>
    /// <param name="RowType">The grouped rows.</param>
    /// <param name="StateType">The user's state type, kept in state.</param>
    /// <param name="ResultType">The emitted row type.</param>
    /// <param name="Timeout">The values of <c>Compiled.GroupStateTimeout</c>: 0 none, 1 processing time, 2 event time.</param>
    /// <param name="OperatorMode">FlatMapGroupsWithState's declared output mode (values of <c>Compiled.OutputMode</c>); Update for MapGroupsWithState.</param>
    /// <param name="Function">The user's function, copied into the plan.</param>
    /// <param name="IsUpdateStateByKey">True for UpdateStateByKey: <paramref name="Function"/> is <c>(values, running) =&gt; state?</c>.</param>
    internal sealed record GroupStateSpec(
        bool IsFlatMap,
        LambdaSpec Key,
        TypeSpec KeyType,
        TypeSpec RowType,
        TypeSpec StateType,
        TypeSpec ResultType,
        int Timeout,
        int OperatorMode,
        GroupFunctionSpec Function,
        bool IsUpdateStateByKey = false) : OperatorSpec
    {
        /// <summary><c>GroupStateTimeout.ProcessingTimeTimeout</c>.</summary>
        public const int ProcessingTimeTimeout = 1;

        /// <summary><c>GroupStateTimeout.EventTimeTimeout</c>.</summary>
        public const int EventTimeTimeoutValue = 2;

        /// <inheritdoc/>
        public override string Kind => "GroupState";

        /// <summary>True when timeouts follow the watermark rather than processing time.</summary>
        public bool EventTimeTimeout => Timeout == EventTimeTimeoutValue;

        /// <summary>The operator's name as written: <c>MapGroupsWithState</c>, <c>FlatMapGroupsWithState</c> or <c>UpdateStateByKey</c>.</summary>
        public string Name => IsUpdateStateByKey ? "UpdateStateByKey" : IsFlatMap ? "FlatMapGroupsWithState" : "MapGroupsWithState";
    }

    /// <summary>The function of a keyed-state operator: <c>(key, rows, state) =&gt; ...</c>, <c>(values, running) =&gt; ...</c> or a static method, rewritten to compile in the plan.</summary>
    /// <param name="Name">The generated method's name.</param>
    /// <param name="Parameters">The parameters as declared in the generated method (<c>type name</c>).</param>
    /// <param name="ReturnType">C# syntax of the return type.</param>
    /// <param name="Body">The rewritten body: an expression, or a block when <paramref name="IsBlock"/>.</param>
    /// <param name="IsBlock">True when <paramref name="Body"/> is a block.</param>
    /// <param name="NullableEnabled">The nullable context at the function in the user's file.</param>
    /// <param name="Helpers">Helper methods the body calls.</param>
    /// <param name="Display">The function's source text on one line, for plan comments.</param>
    internal sealed record GroupFunctionSpec(
        string Name,
        ImmutableEquatableArray<string> Parameters,
        string ReturnType,
        string Body,
        bool IsBlock,
        bool NullableEnabled,
        ImmutableEquatableArray<string> Helpers,
        string Display);
}
