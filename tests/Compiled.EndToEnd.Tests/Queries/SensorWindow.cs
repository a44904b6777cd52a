namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Count and sum of one sensor's readings in one window [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record SensorWindow(DateTime Start, DateTime End, string Sensor, long Count, long Sum);
