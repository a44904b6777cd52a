using System.Diagnostics;

namespace Compiled.Progress;

/// <summary>
/// The <see cref="ActivitySource"/> <c>"Compiled"</c>: one span per micro-batch, named <c>compiled.batch</c>, with the
/// batch id, rows, watermark and the batch's duration (the span's own). docs/observability.md lists the tags.
/// </summary>
/// <remarks>
/// The span is recorded from the batch's progress report, with the trigger's start time and measured duration,
/// so the batch loop pays nothing when nobody listens (<see cref="ActivitySource.HasListeners"/>). A failed batch
/// becomes a span with status Error, recorded when the query terminates.
/// </remarks>
internal static class BatchTracing
{
    /// <summary>The source's name, for <c>AddSource("Compiled")</c> in OpenTelemetry or an <see cref="ActivityListener"/>.</summary>
    internal const string SourceName = "Compiled";

    /// <summary>The name of every batch span.</summary>
    internal const string BatchActivityName = "compiled.batch";

    private static readonly ActivitySource s_source = new(SourceName, typeof(BatchTracing).Assembly.GetName().Version?.ToString());

    /// <summary>Records the span of a committed batch.</summary>
    internal static void Completed(StreamingQueryProgress progress, long outputRows, long watermarkMs)
    {
        if (!s_source.HasListeners()) return;
        using Activity? activity = s_source.StartActivity(BatchActivityName, ActivityKind.Internal, parentContext: default, startTime: progress.Timestamp);
        if (activity is null) return;
        activity.DisplayName = "batch " + progress.Name;
        activity.SetTag(CompiledMetrics.QueryNameTag, progress.Name);
        activity.SetTag("compiled.query.id", progress.Id.ToString());
        activity.SetTag("compiled.query.run_id", progress.RunId.ToString());
        activity.SetTag("compiled.batch.id", progress.BatchId);
        activity.SetTag("compiled.batch.input.rows", progress.NumInputRows);
        activity.SetTag("compiled.batch.output.rows", outputRows);
        if (watermarkMs != long.MinValue)
            activity.SetTag("compiled.batch.watermark", DateTimeOffset.FromUnixTimeMilliseconds(watermarkMs).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        activity.SetEndTime(progress.Timestamp.UtcDateTime.AddMilliseconds(progress.BatchDurationMs));
    }

    /// <summary>Records the span of the batch a query failed in (no duration is known: it ends where it starts).</summary>
    internal static void Failed(string queryName, StreamingQueryException failure, DateTimeOffset now)
    {
        if (!s_source.HasListeners() || failure.BatchId is not { } batchId) return;
        using Activity? activity = s_source.StartActivity(BatchActivityName, ActivityKind.Internal, parentContext: default, startTime: now);
        if (activity is null) return;
        activity.DisplayName = "batch " + queryName;
        activity.SetTag(CompiledMetrics.QueryNameTag, queryName);
        activity.SetTag("compiled.query.id", failure.QueryId.ToString());
        activity.SetTag("compiled.batch.id", batchId);
        activity.SetStatus(ActivityStatusCode.Error, failure.InnerException?.Message ?? failure.Message);
        activity.AddException(failure.InnerException ?? failure);
        activity.SetEndTime(now.UtcDateTime);
    }
}
