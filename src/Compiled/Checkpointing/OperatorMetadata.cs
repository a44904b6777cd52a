namespace Compiled.Checkpointing;

/// <summary>
/// <c>state/&lt;operatorId&gt;/_metadata</c>: the schema a stateful operator's state was written with,
/// compared at restart so an incompatible change is an error naming the operator, never silent corruption.
/// </summary>
internal sealed record OperatorMetadata : ICheckpointEntry
{
    /// <summary>The format version this runtime writes.</summary>
    internal const int CurrentVersion = 1;

    /// <inheritdoc />
    public required int Version { get; init; }

    /// <summary>The operator's id within the plan.</summary>
    public required string OperatorId { get; init; }

    /// <summary>The operator's human name when the state was created.</summary>
    public required string OperatorName { get; init; }

    /// <summary>Fingerprint of the key and value schema.</summary>
    public required string SchemaFingerprint { get; init; }

    /// <summary>The .NET key type of the operator's state store, recorded when the plan opens it; null in older checkpoints.</summary>
    public string? KeyType { get; init; }

    /// <summary>The .NET value type of the operator's state store, recorded when the plan opens it; null in older checkpoints.</summary>
    public string? ValueType { get; init; }
}
