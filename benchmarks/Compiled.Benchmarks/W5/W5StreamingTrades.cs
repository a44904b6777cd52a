using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5 in issue 9's shape: JSON trades, in files or in Kafka (the librdkafka mock cluster), through the TradeWindows
/// query (15-minute tumbling windows, 30-minute watermark, Update mode), including parsing, a checkpoint every batch and
/// the sink, next to a hand-written parse-and-aggregate loop over the same input.
/// </summary>
internal sealed class W5StreamingTrades(int trades, int batchTrades, W5Source from) : Workload
{
    private readonly W5Input _input = new(trades, W5TradeData.Record, batchTrades);

    /// <summary>Trades the Kafka variant reads at most: the mock cluster keeps about 5 MB (and at most 100,000 records) per partition.</summary>
    public const int MockCapacity = W5Input.Partitions * 50_000;

    /// <inheritdoc/>
    public override string Id => "W5";

    /// <inheritdoc/>
    public override string Title => from == W5Source.Files
        ? "trade windows end to end from JSON-lines files"
        : "trade windows end to end from Kafka " + W5Input.ClusterDescription;

    /// <inheritdoc/>
    public override string Unit => "messages";

    /// <inheritdoc/>
    public override long Units => trades;

    /// <inheritdoc/>
    public override int InputRows => trades;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() => from == W5Source.Files
        ? [new W5HandLoopFiles(_input, static () => new W5TradeWindowAggregate()), new W5TradeWindowsVariant(_input, W5Source.Files)]
        : [new W5HandLoopKafka(_input, static () => new W5TradeWindowAggregate()), new W5TradeWindowsVariant(_input, W5Source.Kafka)];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W5StreamingTrades(rows, Math.Min(batchTrades, Math.Max(1, rows / 4)), from);
}
