using System.Diagnostics.Metrics;

namespace Compiled.Progress;

/// <summary>
/// The <c>System.Diagnostics.Metrics</c> instruments of the runtime, under the meter <c>"Compiled"</c>, named and
/// tagged in OpenTelemetry's semantic-convention style: dotted lower-case names under <c>compiled.</c>, UCUM units
/// (<c>s</c>, <c>By</c>, <c>{row}</c>), durations in seconds as doubles, namespaced attributes. docs/observability.md
/// lists them.
/// </summary>
internal static class CompiledMetrics
{
    /// <summary>The meter's name, for <c>AddMeter("Compiled")</c> in OpenTelemetry or a <see cref="MeterListener"/>.</summary>
    internal const string MeterName = "Compiled";

    /// <summary>Attribute on every measurement: the query name.</summary>
    internal const string QueryNameTag = "compiled.query.name";

    /// <summary>Attribute on the state gauges: the stateful operator's name.</summary>
    internal const string OperatorNameTag = "compiled.operator.name";

    private static readonly Meter s_meter = new(MeterName, typeof(CompiledMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>Rows read from sources.</summary>
    internal static Counter<long> InputRows { get; } = s_meter.CreateCounter<long>("compiled.query.input.rows", "{row}", "Rows read from the query's sources");

    /// <summary>Rows written to the sink.</summary>
    internal static Counter<long> OutputRows { get; } = s_meter.CreateCounter<long>("compiled.query.output.rows", "{row}", "Rows written to the query's sink");

    /// <summary>Micro-batches completed.</summary>
    internal static Counter<long> Batches { get; } = s_meter.CreateCounter<long>("compiled.query.batches", "{batch}", "Micro-batches committed");

    /// <summary>Duration of each micro-batch, trigger to commit.</summary>
    internal static Histogram<double> BatchDuration { get; } = s_meter.CreateHistogram<double>("compiled.query.batch.duration", "s", "Duration of a micro-batch, from its trigger to its commit");

    /// <summary>Live keys of each stateful operator after the last batch.</summary>
    internal static Gauge<long> StateRows { get; } = s_meter.CreateGauge<long>("compiled.query.state.rows", "{row}", "Rows held in a stateful operator's state after the last batch");

    /// <summary>Memory used by each stateful operator after the last batch.</summary>
    internal static Gauge<long> StateMemory { get; } = s_meter.CreateGauge<long>("compiled.query.state.memory.usage", "By", "Memory used by a stateful operator's state after the last batch");

    /// <summary>Rows dropped (or routed to a late-row sink) because they were at or behind the watermark, per stateful operator.</summary>
    internal static Counter<long> LateRows { get; } = s_meter.CreateCounter<long>("compiled.query.late.rows", "{row}", "Rows at or behind the watermark, dropped or routed to the late-row sink, per stateful operator");

    /// <summary>The query's watermark after the last batch, when it has one.</summary>
    internal static Gauge<double> Watermark { get; } = s_meter.CreateGauge<double>("compiled.query.watermark", "s", "Event-time watermark after the last batch, in seconds since the Unix epoch");
}
