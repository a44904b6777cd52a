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
/// <param name="Watermark">The input's <c>WithWatermark</c>; null when the input has none (it then takes no part in the query's watermark).</param>
public sealed record InputInfo(string Name, string RowType, WatermarkInfo? Watermark = null);

/// <summary>An input's <c>WithWatermark(eventTime, delay, lateRows)</c>.</summary>
/// <param name="DelayMs">The delay in milliseconds: the input's watermark is the largest event time it has seen minus this.</param>
/// <param name="LateRows">Whether late rows are dropped or routed to the late-row sink of the input.</param>
public sealed record WatermarkInfo(long DelayMs, LateRows LateRows = LateRows.Drop);

/// <summary>One stateful operator of a plan.</summary>
/// <param name="OperatorId">Stable id within the plan, e.g. "aggregate0"; names its state directory.</param>
/// <param name="OperatorName">Human name, e.g. "Aggregate(count by word)".</param>
/// <param name="SchemaFingerprint">Hash of the key and value schema; a mismatch at restart is an error naming the operator.</param>
/// <param name="NeedsNoDataBatch">
/// True when a moving watermark alone can make the operator emit or evict (windowed aggregation in Append or Update
/// mode): the engine then runs a batch without new data once the watermark reaches the plan's
/// <see cref="IQueryPlan{TOut}.EventTimeDeadlineMs"/>.
/// </param>
public sealed record StateOperatorInfo(string OperatorId, string OperatorName, string SchemaFingerprint, bool NeedsNoDataBatch = false);
