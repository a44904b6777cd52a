namespace Compiled;

/// <summary>Where stateful operators keep their state.</summary>
public enum StateStoreKind
{
    /// <summary>FASTER on disk under the checkpoint, checkpointed after every batch (the default).</summary>
    Faster,
    /// <summary>In process memory only: fastest, but state is lost when the process ends.</summary>
    InMemory,
}
