using Compiled.Benchmarks.Baselines.W3;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;

namespace Compiled.Benchmarks.Workloads;

/// <summary>W3: split on ' ' and ',', lower-case, keep words with a letter or digit, count per word over all time.</summary>
internal sealed class W3WordCount(string[] lines, int batchSize) : Workload
{
    /// <inheritdoc/>
    public override string Id => "W3";

    /// <inheritdoc/>
    public override string Title => "word count over all time";

    /// <inheritdoc/>
    public override string Unit => "words";

    /// <inheritdoc/>
    public override long Units => (long)lines.Length * WorkloadSizes.WordsPerLine;

    /// <inheritdoc/>
    public override int InputRows => lines.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new W3SpanLoop(lines),
        new W3NaiveLoop(lines),
        // The product before the slow baselines: when a noisy machine runs out of budget, a baseline is skipped, not Compiled.
        .. CompiledVariants.Of("Compiled", lines, batchSize, W3WordCountQuery.CreatePlan, static () => new WordCountCompleteOutput()),
        new W3LinqCountBy(lines),
        new W3Rx(lines),
        new W3LinqGroupBy(lines),
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W3WordCount(lines[..rows], batchSize);
}
