using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Compiled.Hosting.Tests;

/// <summary>
/// The runtime's meter and activity source read through the OpenTelemetry SDK and its in-memory exporter, as an
/// app that calls <c>AddMeter("Compiled")</c> / <c>AddSource("Compiled")</c> sees them. docs/observability.md
/// documents the same names, units and attributes.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_follow_the_documented_names_units_and_attributes_and_each_batch_is_a_span()
    {
        string name = "otel-" + Guid.NewGuid().ToString("N");
        var exported = new List<Metric>();
        var spans = new List<Activity>();
        List<Metric> metrics;
        using (var meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter("Compiled").AddInMemoryExporter(exported).Build())
        using (var tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource("Compiled").AddInMemoryExporter(spans).Build())
        {
            var source = Source.Memory<string>();
            var sink = Sink.ForeachBatch<WordTotal>((rows, _) => { });
            await using (var query = CountWords.Start(source, sink, new QueryOptions { Name = name, StateStore = StateStoreKind.InMemory }))
            {
                source.AddData("a", "b", "a");
                await query.ProcessAllAvailableAsync().WithinLimit();
                source.AddData("c", "a");
                await query.ProcessAllAvailableAsync().WithinLimit();
            }
            meterProvider.ForceFlush();
            tracerProvider.ForceFlush();
            // One collection (cumulative): disposing the provider would export the same metrics again.
            metrics = exported.ToList();
        }

        var expected = new (string Name, string Unit, MetricType Type)[]
        {
            ("compiled.query.input.rows", "{row}", MetricType.LongSum),
            ("compiled.query.output.rows", "{row}", MetricType.LongSum),
            ("compiled.query.batches", "{batch}", MetricType.LongSum),
            ("compiled.query.batch.duration", "s", MetricType.Histogram),
            ("compiled.query.state.rows", "{row}", MetricType.LongGauge),
            ("compiled.query.state.memory.usage", "By", MetricType.LongGauge),
        };
        foreach (var (metricName, unit, type) in expected)
        {
            Metric metric = Assert.Single(metrics, m => m.Name == metricName);
            Assert.Equal(unit, metric.Unit);
            Assert.Equal(type, metric.MetricType);
            Assert.Equal("Compiled", metric.MeterName);
        }

        Assert.Equal(5, SumFor(metrics, "compiled.query.input.rows", name));
        Assert.Equal(2 + 2, SumFor(metrics, "compiled.query.output.rows", name));   // (a=2, b=1), then (c=1, a=3)
        Assert.Equal(2, SumFor(metrics, "compiled.query.batches", name));
        Assert.Equal(2, HistogramCountFor(metrics, "compiled.query.batch.duration", name));
        var stateRows = PointsFor(metrics, "compiled.query.state.rows", name).Single();
        Assert.Equal(3, stateRows.GetGaugeLastValueLong());
        Assert.Contains(Tags(stateRows), t => t.Key == "compiled.operator.name");

        var batches = spans.Where(s => (string?)s.GetTagItem("compiled.query.name") == name).OrderBy(s => (long)s.GetTagItem("compiled.batch.id")!).ToList();
        Assert.Equal(2, batches.Count);
        Assert.All(batches, s =>
        {
            Assert.Equal("compiled.batch", s.OperationName);
            Assert.Equal("Compiled", s.Source.Name);
            Assert.True(s.Duration >= TimeSpan.Zero);
            Assert.Equal(ActivityStatusCode.Unset, s.Status);
        });
        Assert.Equal([0L, 1L], batches.Select(s => (long)s.GetTagItem("compiled.batch.id")!));
        Assert.Equal([3L, 2L], batches.Select(s => (long)s.GetTagItem("compiled.batch.input.rows")!));
        Assert.Equal([2L, 2L], batches.Select(s => (long)s.GetTagItem("compiled.batch.output.rows")!));
    }

    [Fact]
    public async Task A_failed_batch_is_a_span_with_status_error()
    {
        string name = "otel-failure-" + Guid.NewGuid().ToString("N");
        var spans = new List<Activity>();
        using (var tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource("Compiled").AddInMemoryExporter(spans).Build())
        {
            var source = Source.Memory<string>();
            var sink = Sink.ForeachBatch<WordTotal>((rows, _) => throw new InvalidOperationException("the sink is down"));
            await using var query = CountWords.Start(source, sink, new QueryOptions { Name = name, StateStore = StateStoreKind.InMemory });
            source.AddData("a");
            await Assert.ThrowsAsync<StreamingQueryException>(() => query.AwaitTerminationAsync().WithinLimit());
            tracerProvider.ForceFlush();
        }

        Activity span = Assert.Single(spans, s => (string?)s.GetTagItem("compiled.query.name") == name);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("the sink is down", span.StatusDescription);
        Assert.Equal(0L, span.GetTagItem("compiled.batch.id"));
    }

    private static List<MetricPoint> PointsFor(List<Metric> metrics, string metricName, string query)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.Where(m => m.Name == metricName))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Tags(point).Any(t => t.Key == "compiled.query.name" && (string?)t.Value == query)) points.Add(point);
            }
        }
        return points;
    }

    private static long SumFor(List<Metric> metrics, string metricName, string query) =>
        PointsFor(metrics, metricName, query).Sum(p => p.GetSumLong());

    private static long HistogramCountFor(List<Metric> metrics, string metricName, string query) =>
        PointsFor(metrics, metricName, query).Sum(p => p.GetHistogramCount());

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags) tags.Add(tag);
        return tags;
    }
}
