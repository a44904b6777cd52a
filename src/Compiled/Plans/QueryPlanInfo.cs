namespace Compiled.Plans;

/// <summary>Static description of a compiled plan, checked against the checkpoint at restart.</summary>
/// <param name="QueryName">The query's declared name (the class name for generated queries).</param>
/// <param name="Fingerprint">Hash of the plan shape; a checkpoint written by another fingerprint is refused.</param>
/// <param name="OutputMode">The output mode the plan emits.</param>
/// <param name="Inputs">One entry per input stream, in parameter order.</param>
/// <param name="StateOperators">One entry per stateful operator, in plan order.</param>
/// <param name="PlanDescription">One line per operator, for progress reports and error messages.</param>
public sealed record QueryPlanInfo(
    string QueryName,
    string Fingerprint,
    OutputMode OutputMode,
    IReadOnlyList<InputInfo> Inputs,
    IReadOnlyList<StateOperatorInfo> StateOperators,
    string PlanDescription);

/// <summary>One input stream of a plan.</summary>
/// <param name="Name">The parameter name in the query definition.</param>
/// <param name="RowType">The row type's full name.</param>
public sealed record InputInfo(string Name, string RowType);

/// <summary>One stateful operator of a plan.</summary>
/// <param name="OperatorId">Stable id within the plan, e.g. "aggregate0"; names its state directory.</param>
/// <param name="OperatorName">Human name, e.g. "Aggregate(count by word)".</param>
/// <param name="SchemaFingerprint">Hash of the key and value schema; a mismatch at restart is an error naming the operator.</param>
public sealed record StateOperatorInfo(string OperatorId, string OperatorName, string SchemaFingerprint);
