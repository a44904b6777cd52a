using System.Globalization;
using Compiled.Checkpointing;
using Compiled.Plans;
using Compiled.Sources;
using Compiled.State;

namespace Compiled.Progress;

/// <summary>Builds the <see cref="StreamingQueryProgress"/> of a finished batch from what the engine measured.</summary>
internal static class ProgressFactory
{
    private static readonly IReadOnlyDictionary<string, string> s_noMetrics = new Dictionary<string, string>();

    /// <summary>Everything measured during one batch.</summary>
    internal sealed record BatchFacts(
        Guid Id,
        Guid RunId,
        string Name,
        long TriggerStartMs,
        OffsetLogEntry Entry,
        IReadOnlyList<long> RowsPerSource,
        long OutputRows,
        IReadOnlyDictionary<string, long> DurationMs,
        double ProcessingSeconds,
        double InputSeconds,
        IReadOnlyDictionary<string, string> EventTime,
        IReadOnlyList<long> DroppedByWatermark,
        IReadOnlyList<IReadOnlyDictionary<string, string>> SourceMetrics,
        IReadOnlyList<StateStoreMetrics> StateMetrics,
        IReadOnlyList<StateOperatorInfo> StateOperators,
        IReadOnlyList<ISource> Sources,
        string SinkDescription);

    /// <summary>Creates the report.</summary>
    internal static StreamingQueryProgress Create(BatchFacts facts)
    {
        var sources = new SourceProgress[facts.Sources.Count];
        for (int i = 0; i < sources.Length; i++)
        {
            SourceOffsetRange range = facts.Entry.Sources[i];
            long rows = facts.RowsPerSource[i];
            sources[i] = new SourceProgress(
                facts.Sources[i].Description,
                range.Start?.Json,
                range.End?.Json,
                rows,
                Rate(rows, facts.InputSeconds),
                Rate(rows, facts.ProcessingSeconds),
                facts.SourceMetrics[i]);
        }

        var stateOperators = new StateOperatorProgress[facts.StateMetrics.Count];
        for (int i = 0; i < stateOperators.Length; i++)
        {
            StateStoreMetrics m = facts.StateMetrics[i];
            string name = m.OperatorId;
            long dropped = 0;
            for (int j = 0; j < facts.StateOperators.Count; j++)
            {
                if (facts.StateOperators[j].OperatorId != m.OperatorId) continue;
                name = facts.StateOperators[j].OperatorName;
                // The plan counts late rows against the operator (by its index in the plan) they were dropped before.
                dropped = facts.DroppedByWatermark[j];
            }
            stateOperators[i] = new StateOperatorProgress(name, m.NumRowsTotal, m.NumRowsUpdated, m.NumRowsRemoved,
                m.CommitTimeMs, m.MemoryUsedBytes, dropped, m.CustomMetrics);
        }

        return new StreamingQueryProgress
        {
            Id = facts.Id,
            RunId = facts.RunId,
            Name = facts.Name,
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(facts.TriggerStartMs),
            BatchId = facts.Entry.BatchId,
            BatchDurationMs = facts.DurationMs["triggerExecution"],
            DurationMs = facts.DurationMs,
            EventTime = facts.EventTime,
            StateOperators = stateOperators,
            Sources = sources,
            Sink = new SinkProgress(facts.SinkDescription, facts.OutputRows, s_noMetrics),
        };
    }

    /// <summary>
    /// What progress reports of a batch's sources, read right after the batch ran (the next batch's read changes them):
    /// each source's own metrics when it had data.
    /// </summary>
    internal static IReadOnlyDictionary<string, string>[] SourceMetrics(OffsetLogEntry entry, IReadOnlyList<ISource> sources)
    {
        var metrics = new IReadOnlyDictionary<string, string>[sources.Count];
        for (int i = 0; i < metrics.Length; i++)
        {
            metrics[i] = entry.Sources[i].HasData && sources[i] is ISourceMetrics withMetrics ? withMetrics.GetMetrics() : s_noMetrics;
        }
        return metrics;
    }

    /// <summary>Rows per second; 0 when no time elapsed (Spark omits NaN and infinity).</summary>
    private static double Rate(long rows, double seconds) => seconds > 0 ? rows / seconds : 0;

    /// <summary>The progress's event-time statistics (max, min, watermark) of a finished batch, as ISO-8601 UTC strings.</summary>
    internal static Dictionary<string, string> EventTime(BatchContext batch, long watermarkMs)
    {
        var eventTime = new Dictionary<string, string>();
        if (batch.MaxEventTimeMs != long.MinValue) eventTime["max"] = Iso(batch.MaxEventTimeMs);
        if (batch.MinEventTimeMs != long.MaxValue) eventTime["min"] = Iso(batch.MinEventTimeMs);
        if (watermarkMs != long.MinValue) eventTime["watermark"] = Iso(watermarkMs);
        return eventTime;
    }

    private static string Iso(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
