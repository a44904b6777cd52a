namespace Compiled.Checkpointing;

/// <summary>
/// <c>metadata</c>: written once when a checkpoint is created. Its id is the query's id for life; its
/// name and plan fingerprint make a restart with another query or another plan shape fail clearly.
/// </summary>
internal sealed record QueryMetadata : ICheckpointEntry
{
    /// <summary>The format version this runtime writes.</summary>
    internal const int CurrentVersion = 1;

    /// <inheritdoc />
    public required int Version { get; init; }

    /// <summary>Query id, stable across restarts.</summary>
    public required Guid Id { get; init; }

    /// <summary>Query name at creation.</summary>
    public required string Name { get; init; }

    /// <summary>The plan's fingerprint at creation.</summary>
    public required string PlanFingerprint { get; init; }
}
