namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>A message delivered at least once: a redelivery repeats <see cref="Id"/>, with the same or a later <see cref="Time"/> (read as UTC).</summary>
public sealed record Delivery(int Id, DateTime Time, string Sensor, int Value);
