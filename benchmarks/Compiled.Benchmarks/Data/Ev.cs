using System.Runtime.InteropServices;

namespace Compiled.Benchmarks.Data;

/// <summary>The event of W1, W2a and W2: 16 bytes, <c>struct Ev { long Time; int Key; int Value; }</c> of benchmarks.md.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Ev(long time, int key, int value)
{
    /// <summary>Event time: the event's index in the generated sequence.</summary>
    public readonly long Time = time;

    /// <summary>Grouping key, uniform in [0, <see cref="WorkloadSizes.Keys"/>).</summary>
    public readonly int Key = key;

    /// <summary>Payload, uniform in [0, <see cref="WorkloadSizes.ValueRange"/>).</summary>
    public readonly int Value = value;
}
