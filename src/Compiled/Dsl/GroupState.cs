namespace Compiled;

/// <summary>
/// The state of one key inside <c>MapGroupsWithState</c> / <c>FlatMapGroupsWithState</c> (Spark's <c>GroupState</c>):
/// read it, replace it, remove it, and set when the function should be called again without rows (a timeout).
/// </summary>
/// <remarks>
/// Valid only during the call it is passed to; not thread-safe. The timeout is reset before every call, as in Spark:
/// set it again on each call that should keep one.
/// </remarks>
/// <typeparam name="TState">The user's state type.</typeparam>
public sealed class GroupState<TState>
{
    /// <summary>No timeout is set.</summary>
    public const long NoTimestamp = long.MinValue;

    private readonly GroupStateTimeout _timeout;
    private TState _value = default!;

    /// <summary>A handle for an operator configured with <paramref name="timeout"/>.</summary>
    public GroupState(GroupStateTimeout timeout) => _timeout = timeout;

    /// <summary>True when the key has a state (set earlier, or by <see cref="Update"/> in this call).</summary>
    public bool Exists { get; private set; }

    /// <summary>True when this call happens because the key's timeout expired (no rows are passed).</summary>
    public bool HasTimedOut { get; private set; }

    /// <summary>True when <see cref="Update"/> was called in this call.</summary>
    public bool IsUpdated { get; private set; }

    /// <summary>True when <see cref="Remove"/> was called in this call (and no <see cref="Update"/> after it).</summary>
    public bool IsRemoved { get; private set; }

    /// <summary>The timeout set in this call, in Unix ms (processing or event time), or <see cref="NoTimestamp"/>.</summary>
    public long TimeoutTimestampMs { get; private set; } = NoTimestamp;

    /// <summary>The batch's event-time watermark in Unix ms, or <see cref="long.MinValue"/> when the query has none.</summary>
    public long CurrentWatermarkMs { get; private set; } = long.MinValue;

    /// <summary>The batch's processing time (its trigger time) in Unix ms.</summary>
    public long CurrentProcessingTimeMs { get; private set; }

    /// <summary>The state.</summary>
    /// <exception cref="InvalidOperationException">The key has no state: check <see cref="Exists"/> first.</exception>
    public TState Get() =>
        Exists ? _value : throw new InvalidOperationException("The key has no state (GroupState.Exists is false): check Exists before Get, or use GetOrDefault.");

    /// <summary>The state, or <paramref name="fallback"/> when the key has none.</summary>
    public TState GetOrDefault(TState fallback) => Exists ? _value : fallback;

    /// <summary>Replaces the state.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null (Spark refuses null states; use <see cref="Remove"/>).</exception>
    public void Update(TState value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value), "A group state cannot be null; call Remove() to drop the key's state.");
        _value = value;
        Exists = true;
        IsUpdated = true;
        IsRemoved = false;
    }

    /// <summary>Removes the state; the function is not called for the key again unless rows arrive (or a timeout set after this fires).</summary>
    public void Remove()
    {
        _value = default!;
        Exists = false;
        IsRemoved = true;
        IsUpdated = false;
    }

    /// <summary>Calls the function again for this key, without rows, once the processing time has advanced by <paramref name="duration"/> (and a batch runs).</summary>
    /// <exception cref="InvalidOperationException">The operator was not configured with <see cref="GroupStateTimeout.ProcessingTimeTimeout"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public void SetTimeoutDuration(TimeSpan duration)
    {
        if (_timeout != GroupStateTimeout.ProcessingTimeTimeout)
            throw new InvalidOperationException("SetTimeoutDuration needs GroupStateTimeout.ProcessingTimeTimeout; this operator was configured with " + _timeout + ".");
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        TimeoutTimestampMs = CurrentProcessingTimeMs + (long)duration.TotalMilliseconds;
    }

    /// <summary>Calls the function again for this key, without rows, once the watermark passes <paramref name="timestampMs"/> (Unix ms).</summary>
    /// <exception cref="InvalidOperationException">The operator was not configured with <see cref="GroupStateTimeout.EventTimeTimeout"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestampMs"/> is behind the current watermark.</exception>
    public void SetTimeoutTimestamp(long timestampMs)
    {
        if (_timeout != GroupStateTimeout.EventTimeTimeout)
            throw new InvalidOperationException("SetTimeoutTimestamp needs GroupStateTimeout.EventTimeTimeout; this operator was configured with " + _timeout + ".");
        if (CurrentWatermarkMs != long.MinValue && timestampMs < CurrentWatermarkMs)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs,
                "The timeout timestamp " + timestampMs + " is behind the current watermark " + CurrentWatermarkMs + "; it would never fire.");
        }
        TimeoutTimestampMs = timestampMs;
    }

    /// <inheritdoc cref="SetTimeoutTimestamp(long)"/>
    public void SetTimeoutTimestamp(DateTime timestamp) => SetTimeoutTimestamp(EventTimes.ToUnixMs(timestamp));

    /// <summary>Prepares the handle for one call (generated code).</summary>
    /// <param name="exists">Whether the key has a state.</param>
    /// <param name="value">The state, when it exists.</param>
    /// <param name="hasTimedOut">True for a call made because the timeout fired.</param>
    /// <param name="watermarkMs">The batch's watermark.</param>
    /// <param name="processingTimeMs">The batch's processing time.</param>
    public void Reset(bool exists, TState value, bool hasTimedOut, long watermarkMs, long processingTimeMs)
    {
        Exists = exists;
        _value = exists ? value : default!;
        HasTimedOut = hasTimedOut;
        IsUpdated = false;
        IsRemoved = false;
        TimeoutTimestampMs = NoTimestamp;
        CurrentWatermarkMs = watermarkMs;
        CurrentProcessingTimeMs = processingTimeMs;
    }
}
