using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Tables;

/// <summary>
/// T1: one Update-mode batch of <see cref="Rows"/> rows over 100,000 keys written into a table sink (the last row of a
/// key wins), against the in-memory result as the reference. Each run writes into a fresh table.
/// </summary>
internal sealed class T1TableUpsert(KeyValueRow[] rows) : Workload
{
    /// <summary>Rows of the batch in a full run.</summary>
    public const int Rows = 1_000_000;

    /// <inheritdoc/>
    public override string Id => "T1";

    /// <inheritdoc/>
    public override string Title => "table sink upsert, one Update batch";

    /// <inheritdoc/>
    public override string Unit => "rows";

    /// <inheritdoc/>
    public override long Units => rows.Length;

    /// <inheritdoc/>
    public override int InputRows => rows.Length;

    /// <summary>The batch: row i has value i and a key drawn uniformly from 100,000 with the fixed seed.</summary>
    public static KeyValueRow[] Generate(int count)
    {
        var random = new Random(WorkloadSizes.Seed);
        var rows = new KeyValueRow[count];
        for (int i = 0; i < rows.Length; i++) rows[i] = new KeyValueRow(random.Next(WorkloadSizes.Keys), i);
        return rows;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new LastValueDictionary(rows),
        new TableSinkVariant(rows, TableSinkTarget.Sqlite),
        new TableSinkVariant(rows, TableSinkTarget.Postgres),
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int count) => new T1TableUpsert(rows[..count]);
}
