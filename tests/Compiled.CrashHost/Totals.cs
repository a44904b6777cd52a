namespace Compiled.CrashHost;

/// <summary>State value of <see cref="TotalsPlan"/>: unmanaged, so the state store keeps it without a serializer.</summary>
public readonly record struct Totals(long Count, long Sum);
