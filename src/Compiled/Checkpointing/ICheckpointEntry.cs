namespace Compiled.Checkpointing;

/// <summary>A JSON document of the checkpoint that carries a format version, checked on read.</summary>
internal interface ICheckpointEntry
{
    /// <summary>Format version of the document; readers refuse versions they do not know.</summary>
    int Version { get; }
}

/// <summary>An entry of a per-batch log (<c>offsets/N</c>, <c>commits/N</c>): its id must match its file name.</summary>
internal interface IBatchLogEntry : ICheckpointEntry
{
    /// <summary>The batch the entry describes.</summary>
    long BatchId { get; }
}
