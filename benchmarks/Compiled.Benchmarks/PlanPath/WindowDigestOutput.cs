using Compiled.Benchmarks.Queries;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>The windowed workloads' sink: Append emits each window once, so every row is folded into the digest.</summary>
internal sealed class WindowDigestOutput : IPlanOutput<WindowKeyCount>
{
    private WindowDigest _digest;

    /// <inheritdoc/>
    public void Reset() => _digest = default;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<WindowKeyCount> rows, bool isLastBatch)
    {
        foreach (ref readonly WindowKeyCount row in rows) _digest.Add(row.StartMs, row.Key, row.Count, row.Sum);
    }

    /// <inheritdoc/>
    public Checksum Checksum() => _digest.ToChecksum();
}
