namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>One sensor reading: the input row of the windowed queries. <see cref="Time"/> is read as UTC.</summary>
public sealed record Reading(DateTime Time, string Sensor, int Value);
