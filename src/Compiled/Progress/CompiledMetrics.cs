using System.Diagnostics.Metrics;

namespace Compiled.Progress;

/// <summary>
/// The <c>System.Diagnostics.Metrics</c> instruments of the runtime, under the meter <c>"Compiled"</c>.
/// Every measurement carries the tag <c>query</c> (the query name); state gauges also carry <c>operator</c>.
/// </summary>
internal static class CompiledMetrics
{
    /// <summary>The meter's name, for <c>AddMeter("Compiled")</c> in OpenTelemetry or a <see cref="MeterListener"/>.</summary>
    internal const string MeterName = "Compiled";

    private static readonly Meter s_meter = new(MeterName, typeof(CompiledMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>Rows read from sources.</summary>
    internal static Counter<long> InputRows { get; } = s_meter.CreateCounter<long>("compiled.query.input_rows", "{row}", "Rows read from sources");

    /// <summary>Rows written to the sink.</summary>
    internal static Counter<long> OutputRows { get; } = s_meter.CreateCounter<long>("compiled.query.output_rows", "{row}", "Rows written to the sink");

    /// <summary>Micro-batches completed.</summary>
    internal static Counter<long> Batches { get; } = s_meter.CreateCounter<long>("compiled.query.batches", "{batch}", "Micro-batches completed");

    /// <summary>Duration of each micro-batch, trigger to commit.</summary>
    internal static Histogram<double> BatchDuration { get; } = s_meter.CreateHistogram<double>("compiled.query.batch.duration", "ms", "Micro-batch duration");

    /// <summary>Live keys of each stateful operator after the last batch.</summary>
    internal static Gauge<long> StateRows { get; } = s_meter.CreateGauge<long>("compiled.query.state.rows", "{row}", "Live state rows per operator");

    /// <summary>Memory used by each stateful operator after the last batch.</summary>
    internal static Gauge<long> StateMemory { get; } = s_meter.CreateGauge<long>("compiled.query.state.memory", "By", "State memory per operator");

    /// <summary>Rows dropped (or routed to a late-row sink) because they were at or behind the watermark, per stateful operator.</summary>
    internal static Counter<long> LateRows { get; } = s_meter.CreateCounter<long>("compiled.query.late_rows", "{row}", "Rows behind the watermark, per operator");

    /// <summary>The query's watermark after the last batch (Unix ms), when it has one.</summary>
    internal static Gauge<long> Watermark { get; } = s_meter.CreateGauge<long>("compiled.query.watermark", "ms", "Event-time watermark (Unix ms)");
}
