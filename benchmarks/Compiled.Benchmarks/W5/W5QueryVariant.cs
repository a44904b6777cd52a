using System.Text.Json.Serialization.Metadata;
using Compiled.Benchmarks.Workloads;
using Compiled.Sinks;
using Compiled.Sources;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// A W5 query end to end through the engine: started by <see cref="Start"/> on a fresh checkpoint over the file or
/// Kafka source, available-now in batches of <see cref="W5Input.BatchRecords"/> records, with FASTER state (its
/// changelog and the offset and commit logs written every batch) and a foreachBatch sink that keeps the latest row of
/// each key, as a table sink would.
/// </summary>
internal abstract class W5QueryVariant<TIn, TOut>(W5Input input, W5Source from, JsonTypeInfo<TIn> typeInfo)
    : Variant(from == W5Source.Files ? "Compiled, JSON-lines files (FASTER, checkpoint per batch)" : "Compiled, Kafka mock (FASTER, checkpoint per batch)")
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "compiled-bench-w5q-" + Guid.NewGuid().ToString("N"));
    private int _runs;

    /// <summary>Starts the workload's generated query.</summary>
    protected abstract StreamingQuery Start(ISource<TIn> source, ISink<TOut> sink, QueryOptions options);

    /// <summary>Empties the result table.</summary>
    protected abstract void Clear();

    /// <summary>Keeps <paramref name="row"/> as the latest row of its key.</summary>
    protected abstract void Keep(TOut row);

    /// <summary>Keys in the result table.</summary>
    protected abstract int Count { get; }

    /// <inheritdoc/>
    public override void Prepare()
    {
        // Made here, untimed: the input files or topic, and an empty result table.
        if (from == W5Source.Files) _ = input.Directory;
        else _ = input.TopicNames;
        Clear();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <inheritdoc/>
    public override long Run()
    {
        var query = Start(input.Source(from, typeInfo), Sink.ForeachBatch<TOut>((rows, _) =>
        {
            foreach (TOut row in rows) Keep(row);
        }), new QueryOptions
        {
            CheckpointLocation = Path.Combine(_root, (_runs++).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Trigger = Trigger.AvailableNow,
            StateStore = StateStoreKind.Faster,
        });
        query.AwaitTerminationAsync().GetAwaiter().GetResult();
        query.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return Count;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
