using System.Globalization;
using System.Runtime.InteropServices;
using Compiled.Plans;

namespace Compiled.Sources;

/// <summary>
/// An in-process source for tests and demos: rows added with <see cref="AddData"/>; the offset is the
/// number of rows added so far, so any logged range can be read again while the process lives.
/// </summary>
/// <remarks>
/// <see cref="AddData"/> may be called from any thread; the engine's calls come from the batch thread.
/// Rows are kept after <see cref="ISource.Commit"/> and after disposal, so the same instance can serve a
/// restarted query that replays a batch.
/// </remarks>
public sealed class MemorySource<T> : ISource<T>
{
    private readonly List<T> _rows = [];
    private readonly object _gate = new();
    private readonly int? _maxRowsPerTrigger;
    private long? _availableNowLimit;

    internal MemorySource(string? name, int? maxRowsPerTrigger)
    {
        if (maxRowsPerTrigger is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxRowsPerTrigger), maxRowsPerTrigger, "maxRowsPerTrigger of a memory source must be at least 1.");
        _maxRowsPerTrigger = maxRowsPerTrigger;
        Description = $"MemorySource<{typeof(T).Name}>[{name ?? "memory"}]";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Rows added so far.</summary>
    public long Count
    {
        get { lock (_gate) return _rows.Count; }
    }

    /// <summary>Appends rows; they become visible to the next batch. Returns the offset after them.</summary>
    public SourceOffset AddData(params T[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        lock (_gate)
        {
            _rows.AddRange(rows);
            return ToOffset(_rows.Count);
        }
    }

    /// <inheritdoc />
    public void Open(SourceContext context)
    {
    }

    /// <inheritdoc />
    public SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit)
    {
        long from = start is null ? 0 : Parse(start);
        long end;
        lock (_gate) end = _rows.Count;
        if (_availableNowLimit is long frozen) end = Math.Min(end, frozen);
        if (!limit.IgnorePerTriggerLimits && _maxRowsPerTrigger is int max) end = Math.Min(end, from + max);
        if (end <= from) return start;
        return ToOffset(end);
    }

    /// <inheritdoc />
    public void PrepareForAvailableNow()
    {
        lock (_gate) _availableNowLimit = _rows.Count;
    }

    /// <inheritdoc />
    public long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot)
    {
        long from = start is null ? 0 : Parse(start);
        long to = Parse(end);
        var buffer = inputs.GetBuffer<T>(slot);
        lock (_gate)
        {
            if (to > _rows.Count || from > to)
                throw new InvalidOperationException(
                    $"{Description} cannot read rows ({from}, {to}]: it holds {_rows.Count} rows. A memory source only replays within the process that added the rows.");
            buffer.AddRange(CollectionsMarshal.AsSpan(_rows).Slice((int)from, (int)(to - from)));
        }
        return to - from;
    }

    /// <inheritdoc />
    public void Commit(SourceOffset end)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static SourceOffset ToOffset(long rows) =>
        new("{\"rows\":" + rows.ToString(CultureInfo.InvariantCulture) + "}");

    private long Parse(SourceOffset offset)
    {
        if (OffsetJson.TryRead(offset, "rows", out long value) && value >= 0) return value;
        throw new FormatException($"{Description}: offset '{offset.Json}' is not a memory source offset such as {{\"rows\":3}}.");
    }
}
