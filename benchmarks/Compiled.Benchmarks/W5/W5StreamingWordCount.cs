using System.Text.Json;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5: W3's word count end to end from JSON records, in files or in Kafka (the librdkafka mock cluster), including
/// parsing, a checkpoint every batch and the sink, next to a hand-written parse-and-count loop over the same input.
/// Throughput counts messages (records), not words.
/// </summary>
internal sealed class W5StreamingWordCount(string[] lines, int batchLines, W5Source from) : Workload
{
    private readonly W5Input _input = new(lines.Length, i => JsonSerializer.Serialize(new TextLine(lines[i]), W5Json.Default.TextLine), batchLines);

    /// <summary>
    /// Records the Kafka variant reads at most: the mock cluster keeps about 5 MB (and at most 100,000 records) per partition and drops older records,
    /// which would read as data loss.
    /// </summary>
    public const int MockCapacity = W5Input.Partitions * 50_000;

    /// <inheritdoc/>
    public override string Id => "W5";

    /// <inheritdoc/>
    public override string Title => from == W5Source.Files
        ? "word count end to end from JSON-lines files"
        : "word count end to end from Kafka " + W5Input.ClusterDescription;

    /// <inheritdoc/>
    public override string Unit => "messages";

    /// <inheritdoc/>
    public override long Units => lines.Length;

    /// <inheritdoc/>
    public override int InputRows => lines.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() => from == W5Source.Files
        ? [new W5HandLoopFiles(_input, static () => new W5WordCountAggregate()), new W5WordCountVariant(_input, W5Source.Files)]
        : [new W5HandLoopKafka(_input, static () => new W5WordCountAggregate()), new W5WordCountVariant(_input, W5Source.Kafka)];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W5StreamingWordCount(lines[..rows], Math.Min(batchLines, Math.Max(1, rows / 4)), from);
}
