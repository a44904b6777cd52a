using System.Data.Common;
using System.Linq.Expressions;
using Compiled.Sinks;
using Compiled.Sinks.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Tables.Testing;

/// <summary>
/// What every table sink must do, run against a real database by each provider's test class (which supplies the
/// sink and a connection to read the table back): exactly-once per batch id in every output mode, the type
/// mapping, and refusing a table that does not fit. Expected tables are computed with LINQ to Objects.
/// </summary>
public abstract class TableSinkContract
{
    /// <summary>A sink of the provider under test, keyed by <see cref="TableKeyAttribute"/> members.</summary>
    protected abstract TableSink<T> CreateSink<T>(string table, TableSinkOptions? options = null);

    /// <summary>A sink of the provider under test, keyed by a selector.</summary>
    protected abstract TableSink<T> CreateSink<T, TKey>(string table, Expression<Func<T, TKey>> key);

    /// <summary>An open connection to the database the sinks write to.</summary>
    protected abstract DbConnection OpenConnection();

    /// <summary>The text of the provider's <c>CREATE TABLE</c> for a table of (Key text primary key, Count text, Sum bigint).</summary>
    protected abstract string CreateMismatchedTotalsTable(string table);

    /// <summary>The provider's spelling of the SQL type of a <c>long</c> column and of a text column.</summary>
    protected abstract (string Long, string Text) TypeNames { get; }

    /// <summary>A table name no other test uses.</summary>
    protected static string NewTable() => "t_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A context for a query with id <paramref name="queryId"/> in <paramref name="mode"/>.</summary>
    protected static SinkContext Context(OutputMode mode, Guid queryId) =>
        new(queryId, "TestQuery", mode, Path.GetTempPath(), NullLogger.Instance);

    [Fact]
    public void Append_inserts_every_row_once_and_a_replayed_batch_writes_nothing()
    {
        string table = NewTable();
        var batches = Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, 50).Select(i => new Reading(b * 50 + i, "s" + (i % 3), i * 0.5)).ToArray()).ToArray();
        using (TableSink<Reading> sink = CreateSink<Reading>(table))
        {
            sink.Open(Context(OutputMode.Append, Guid.NewGuid()));
            for (int b = 0; b < batches.Length; b++)
            {
                sink.AddBatch(b, batches[b]);
                if (b == 2) sink.AddBatch(b, batches[b]);   // the engine's replay after a crash before commits/2
            }
        }

        Assert.Equal(batches.SelectMany(b => b).OrderBy(r => r.Id), ReadReadings(table));
    }

    [Fact]
    public void Update_upserts_on_the_attribute_key_and_the_last_row_of_a_key_in_a_batch_wins()
    {
        string table = NewTable();
        var random = new Random(7);
        var batches = Enumerable.Range(0, 5)
            .Select(_ => Enumerable.Range(0, 300).Select(_ => new Total("k" + random.Next(40), random.Next(1000), random.Next(1_000_000))).ToArray())
            .ToArray();
        Guid queryId = Guid.NewGuid();
        using (TableSink<Total> sink = CreateSink<Total>(table))
        {
            sink.Open(Context(OutputMode.Update, queryId));
            for (int b = 0; b < batches.Length; b++) sink.AddBatch(b, batches[b]);
        }
        // A restarted query (new sink, same query id) replays batch 4 with other rows: it must write nothing.
        using (TableSink<Total> restarted = CreateSink<Total>(table))
        {
            restarted.Open(Context(OutputMode.Update, queryId));
            restarted.AddBatch(4, [new Total("k0", -1, -1)]);
        }

        var expected = batches.SelectMany(b => b).GroupBy(t => t.Key).Select(g => g.Last()).OrderBy(t => t.Key, StringComparer.Ordinal);
        Assert.Equal(expected, ReadTotals(table));
    }

    [Fact]
    public void Update_upserts_on_a_composite_key_selector()
    {
        string table = NewTable();
        // (1, "a") twice in one batch: the later row wins.
        CellValue[] first = [new(1, "a", 0.5m), new(1, "b", 2m), new(2, "a", 3m), new(1, "a", 1.5m)];
        CellValue[] second = [new(1, "b", 20.25m), new(3, "c", 4m)];
        using (TableSink<CellValue> sink = CreateSink(table, (CellValue c) => new { c.Row, c.Column }))
        {
            Assert.Equal(["Row", "Column"], sink.KeyColumns);
            sink.Open(Context(OutputMode.Update, Guid.NewGuid()));
            sink.AddBatch(0, first);
            sink.AddBatch(1, second);
        }

        var rows = Query(table, "\"Row\", \"Column\"", r => new CellValue(r.GetInt32(0), r.GetString(1), r.GetFieldValue<decimal>(2)));
        Assert.Equal([new(1, "a", 1.5m), new(1, "b", 20.25m), new(2, "a", 3m), new(3, "c", 4m)], rows);
    }

    [Fact]
    public void Complete_replaces_the_table_contents_with_each_batch()
    {
        string table = NewTable();
        using TableSink<Total> sink = CreateSink<Total>(table);
        sink.Open(Context(OutputMode.Complete, Guid.NewGuid()));
        sink.AddBatch(0, [new Total("a", 1, 1), new Total("b", 1, 2)]);
        sink.AddBatch(1, [new Total("a", 2, 5)]);
        sink.AddBatch(1, [new Total("z", 9, 9)]);   // replay: ignored

        Assert.Equal([new Total("a", 2, 5)], ReadTotals(table));
    }

    [Fact]
    public void Every_supported_type_round_trips()
    {
        string table = NewTable();
        var at = new DateTime(2026, 12, 4, 16, 3, 31, 123, DateTimeKind.Unspecified).AddTicks(4560);
        AllTypes full = new(1, true, 200, -12345, long.MinValue, 1.5f, Math.PI, 12345.6789m, "héllo \"quoted\"", "maybe", 'x',
            at, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateOnly(2026, 2, 28), new TimeOnly(23, 59, 58, 999),
            TimeSpan.FromHours(26.5), Guid.NewGuid(), [0, 1, 255], Level.High, 42, at);
        AllTypes nulls = full with { Id = 2, MaybeText = null, MaybeNumber = null, MaybeAt = null, Bytes = [] };
        using (TableSink<AllTypes> sink = CreateSink<AllTypes>(table))
        {
            sink.Open(Context(OutputMode.Update, Guid.NewGuid()));
            sink.AddBatch(0, [full, nulls]);
        }

        var rows = Query(table, "\"Id\"", r => new AllTypes(
            r.GetInt32(0), r.GetFieldValue<bool>(1), (byte)r.GetFieldValue<short>(2), r.GetFieldValue<short>(3), r.GetInt64(4),
            r.GetFieldValue<float>(5), r.GetDouble(6), r.GetFieldValue<decimal>(7), r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
            r.GetString(10)[0], r.GetFieldValue<DateTime>(11), r.GetFieldValue<DateTimeOffset>(12), r.GetFieldValue<DateOnly>(13),
            r.GetFieldValue<TimeOnly>(14), r.GetFieldValue<TimeSpan>(15), r.GetFieldValue<Guid>(16), r.GetFieldValue<byte[]>(17),
            (Level)r.GetFieldValue<short>(18), r.IsDBNull(19) ? null : r.GetInt32(19), r.IsDBNull(20) ? null : r.GetFieldValue<DateTime>(20)));
        Assert.Equal(2, rows.Count);
        AssertSame(full, rows[0]);
        AssertSame(nulls, rows[1]);
    }

    [Fact]
    public void An_existing_table_with_another_column_type_is_refused_naming_the_column_and_both_types()
    {
        string table = NewTable();
        Execute(CreateMismatchedTotalsTable(table));
        using TableSink<Total> sink = CreateSink<Total>(table);

        var error = Assert.Throws<TableSinkException>(() => sink.Open(Context(OutputMode.Update, Guid.NewGuid())));
        Assert.Contains($"table '{table}'", error.Message);
        Assert.Contains($"column 'Count' is {TypeNames.Text}", error.Message);
        Assert.Contains($"member 'Total.Count' is Int64", error.Message);
        Assert.Contains(TypeNames.Long, error.Message);
    }

    [Fact]
    public void An_existing_table_without_a_unique_key_is_refused_in_update_mode_but_fits_append_mode()
    {
        string table = NewTable();
        using (TableSink<Reading> append = CreateSink<Reading>(table))
            append.Open(Context(OutputMode.Append, Guid.NewGuid()));
        using TableSink<Reading> update = CreateSink<Reading, long>(table, r => r.Id);

        var error = Assert.Throws<TableSinkException>(() => update.Open(Context(OutputMode.Update, Guid.NewGuid())));
        Assert.Contains("Update mode upserts on the key (Id), but the table has no primary key or unique index on exactly those columns", error.Message);
    }

    [Fact]
    public void Update_mode_without_a_key_is_refused_when_opened()
    {
        using TableSink<Reading> sink = CreateSink<Reading>(NewTable());

        var error = Assert.Throws<TableSinkException>(() => sink.Open(Context(OutputMode.Update, Guid.NewGuid())));
        Assert.Contains("runs in Update mode, which upserts on a key, but 'Reading' declares none", error.Message);
        Assert.Contains("[TableKey]", error.Message);
    }

    [Fact]
    public void A_key_selector_that_is_not_a_member_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CreateSink<Reading, long>(NewTable(), r => r.Id + 1));
        Assert.Contains("must name members of the row", error.Message);
    }

    /// <summary>Runs one statement.</summary>
    protected void Execute(string sql)
    {
        using DbConnection connection = OpenConnection();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The rows of <paramref name="table"/>, ordered, each mapped by <paramref name="map"/>.</summary>
    protected List<T> Query<T>(string table, string orderBy, Func<DbDataReader, T> map)
    {
        using DbConnection connection = OpenConnection();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {orderBy}";
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>The <see cref="Total"/> rows of <paramref name="table"/> by key (ordinal).</summary>
    protected List<Total> ReadTotals(string table) =>
        Query(table, "\"Key\"", r => new Total(r.GetString(0), r.GetInt64(1), r.GetInt64(2)));

    /// <summary>The <see cref="Reading"/> rows of <paramref name="table"/> by id.</summary>
    protected List<Reading> ReadReadings(string table) =>
        Query(table, "\"Id\"", r => new Reading(r.GetInt64(0), r.GetString(1), r.GetDouble(2)));

    private static void AssertSame(AllTypes expected, AllTypes actual)
    {
        Assert.Equal(expected with { Bytes = Array.Empty<byte>() }, actual with { Bytes = Array.Empty<byte>() });
        Assert.Equal(expected.Bytes, actual.Bytes);
    }
}
