namespace Compiled.Benchmarks.Latency;

/// <summary>A JSON line of the latency run's input files: W2a's key and value.</summary>
public sealed record LatencyEvent(int Key, int Value);
