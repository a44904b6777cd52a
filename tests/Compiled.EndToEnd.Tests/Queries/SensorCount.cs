namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Count and sum of one sensor's rows over all time.</summary>
public sealed record SensorCount(string Sensor, long Count, long Sum);
