using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.W5;

/// <summary>What a W5 hand-written loop computes: it folds each record's JSON bytes in place, with no object per record.</summary>
internal interface IW5Aggregate
{
    /// <summary>Result rows so far.</summary>
    int Count { get; }

    /// <summary>Folds one JSON record.</summary>
    void Add(ReadOnlySpan<byte> record);

    /// <summary>The digest of the result, comparable with the Compiled variant's.</summary>
    Checksum Checksum();
}
