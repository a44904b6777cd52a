namespace Compiled.Sources;

/// <summary>A source that reports its own counters (e.g. bad records skipped) in each batch's progress.</summary>
public interface ISourceMetrics
{
    /// <summary>Counters for the batch just read, keyed by a camelCase name such as <c>numBadRecordsSkipped</c>.</summary>
    IReadOnlyDictionary<string, string> GetMetrics();
}
