namespace Compiled.EndToEnd.Tests.Pool;

/// <summary>
/// <see cref="Compiled.Batches.BatchPool.Outstanding"/> is process-wide: tests that compare it run alone, after
/// the parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolCollection
{
    public const string Name = "BatchPool";
}
