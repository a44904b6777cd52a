namespace Compiled.CrashHost;

/// <summary>Output row of the stateless query (<see cref="DoubledPlan"/>).</summary>
public sealed record Doubled(long Id, string Key, int DoubledValue);
