namespace Compiled;

/// <summary>How the keys of <c>MapGroupsWithState</c> / <c>FlatMapGroupsWithState</c> time out (Spark's <c>GroupStateTimeout</c>).</summary>
public enum GroupStateTimeout
{
    /// <summary>Keys never time out: the function is called only for keys with rows.</summary>
    NoTimeout,
    /// <summary>A key set with <see cref="GroupState{TState}.SetTimeoutDuration"/> is called again once the batch time passes it.</summary>
    ProcessingTimeTimeout,
    /// <summary>A key set with <see cref="GroupState{TState}.SetTimeoutTimestamp(long)"/> is called again once the watermark passes it (needs a watermark: CQ1104).</summary>
    EventTimeTimeout,
}
