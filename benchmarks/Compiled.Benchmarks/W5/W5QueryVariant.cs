using System.Text.Json;
using Compiled.Benchmarks.Queries;
using Compiled.Benchmarks.Workloads;
using Compiled.Kafka;
using Compiled.Sources;
using Compiled.Sources.Files;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5 end to end through the engine: <see cref="W5WordCountQuery"/> started on a fresh checkpoint over the file or
/// Kafka source, available-now in batches of <see cref="W5Input.BatchLines"/> records, with FASTER state (its
/// changelog and the offset and commit logs written every batch) and a foreachBatch sink that keeps the latest count
/// of each word, as a table sink would.
/// </summary>
internal sealed class W5QueryVariant(W5Input input, W5Source from)
    : Variant(from == W5Source.Files ? "Compiled, JSON-lines files (FASTER, checkpoint per batch)" : "Compiled, Kafka mock (FASTER, checkpoint per batch)")
{
    private static readonly JsonSerializerOptions s_json = new() { TypeInfoResolver = W5Json.Default, PropertyNameCaseInsensitive = true };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "compiled-bench-w5q-" + Guid.NewGuid().ToString("N"));
    private Dictionary<string, long> _table = new(StringComparer.Ordinal);
    private int _runs;

    /// <inheritdoc/>
    public override void Prepare()
    {
        // Made here, untimed: the input files or topic, and an empty result table.
        _ = from == W5Source.Files ? input.Directory : input.Topic;
        _table = new Dictionary<string, long>(StringComparer.Ordinal);
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <inheritdoc/>
    public override long Run()
    {
        ISource<TextLine> source = from == W5Source.Files
            ? Source.JsonFiles<TextLine>(input.Directory, new FileSourceOptions { MaxFilesPerTrigger = 1 }, s_json)
            : Source.Kafka(new KafkaSourceOptions
            {
                BootstrapServers = W5Input.Bootstrap,
                Subscribe = [input.Topic],
                StartingOffsets = KafkaStartingOffsets.Earliest,
                MaxOffsetsPerTrigger = input.BatchLines,
            }, W5Json.Default.TextLine);
        Dictionary<string, long> table = _table;
        var query = W5WordCountQuery.Start(source, Sink.ForeachBatch<WordCount>((rows, _) =>
        {
            foreach (WordCount row in rows) table[row.Word] = row.Count;
        }), new QueryOptions
        {
            CheckpointLocation = Path.Combine(_root, (_runs++).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Trigger = Trigger.AvailableNow,
            StateStore = StateStoreKind.Faster,
        });
        query.AwaitTerminationAsync().GetAwaiter().GetResult();
        query.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return table.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfWordCounts(_table);

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
