using Compiled.Benchmarks.Queries;
using Compiled.Benchmarks.Workloads;
using Compiled.Sinks;
using Compiled.Sources;

namespace Compiled.Benchmarks.W5;

/// <summary><see cref="W5WordCountQuery"/> end to end; the table keeps each word's latest count.</summary>
internal sealed class W5WordCountVariant(W5Input input, W5Source from)
    : W5QueryVariant<TextLine, WordCount>(input, from, W5Json.Default.TextLine)
{
    private readonly Dictionary<string, long> _table = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    protected override int Count => _table.Count;

    /// <inheritdoc/>
    protected override StreamingQuery Start(ISource<TextLine> source, ISink<WordCount> sink, QueryOptions options) =>
        W5WordCountQuery.Start(source, sink, options);

    /// <inheritdoc/>
    protected override void Clear() => _table.Clear();

    /// <inheritdoc/>
    protected override void Keep(WordCount row) => _table[row.Word] = row.Count;

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfWordCounts(_table);
}
