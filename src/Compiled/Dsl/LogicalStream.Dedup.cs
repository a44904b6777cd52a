namespace Compiled;

/// <summary>Deduplication over bounded inputs: as a batch query, the first row of each key.</summary>
internal abstract partial class LogicalStream<T>
{
    public IStream<T> DropDuplicates<TKey>(Func<T, TKey> key) =>
        new UnaryStream<T, T>(this, "Dedup", rows => rows.DistinctBy(Check(key)));

    // Spark refuses it in a batch query (SS-B2); over all rows of a bounded input the first row of each key is its closest meaning.
    public IStream<T> DropDuplicatesWithinWatermark<TKey>(Func<T, TKey> key) =>
        new UnaryStream<T, T>(this, "DedupWithinWatermark", rows => rows.DistinctBy(Check(key)));
}
