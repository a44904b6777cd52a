using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Compiled.CrashHost;
using Compiled.CrashTests.TestSupport;
using Compiled.Kafka;
using Compiled.Kafka.Testing;
using Compiled.SinkCrashHost;
using Compiled.Sinks.Files;
using Confluent.Kafka;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Compiled.CrashTests.SinkMatrix;

/// <summary>What each sink must hold after the matrix's final run: exactly the reference, nothing lost, nothing twice.</summary>
public static class SinkOutputs
{
    /// <summary>Checks the outputs of <paramref name="kind"/>'s queries.</summary>
    /// <param name="kind">The sink.</param>
    /// <param name="workspace">The case's directories.</param>
    /// <param name="input">The input the queries read.</param>
    /// <param name="server">The PostgreSQL connection string or Kafka bootstrap servers.</param>
    /// <param name="prefix">The case's table or topic prefix.</param>
    public static void Assert(SinkKind kind, CrashWorkspace workspace, InputData input, string? server, string prefix)
    {
        switch (kind)
        {
            case SinkKind.File:
                AssertNumberedFiles(MatrixLayout.NumberedFiles(workspace.Output), input);
                break;
            case SinkKind.ForeachBatch:
                OutputAssertions.AssertTotals(workspace, input, durableState: true);
                break;
            case SinkKind.Sqlite:
                AssertTables(() => new SqliteConnection($"Data Source={MatrixLayout.SqliteDatabase(workspace.Output)};Pooling=False"), input, prefix);
                break;
            case SinkKind.Postgres:
                AssertTables(() => new NpgsqlConnection(server), input, prefix);
                break;
            case SinkKind.Kafka:
                AssertTopics(server!, input, prefix);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The reference output of <see cref="NumberedPlan"/>: every event, numbered within its key in input order.</summary>
    public static IReadOnlyList<Numbered> ExpectedNumbered(InputData input)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        return input.Files.SelectMany(file => file)
            .Select(e => new Numbered(e.Id, e.Key, counts[e.Key] = counts.GetValueOrDefault(e.Key) + 1))
            .ToList();
    }

    private static void AssertNumberedFiles(string directory, InputData input)
    {
        Xunit.Assert.Equal(Enumerable.Range(0, InputData.FileCount).Select(n => (long)n), FileSinkManifest.BatchIds(directory).Order());
        IReadOnlyList<Numbered> rows = FileSinkReader.ReadJsonLines<Numbered>(directory);
        Xunit.Assert.Equal(ExpectedNumbered(input), rows);
        var committed = FileSinkReader.CommittedFiles(directory).Select(Path.GetFileName).ToHashSet();
        string[] strays = Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(name => !committed.Contains(name)).ToArray()!;
        Xunit.Assert.True(strays.Length == 0, $"Files outside every manifest: {string.Join(", ", strays)}");
    }

    /// <summary>The totals table equals the reference table, the numbered table holds each event once with its reference number, and both queries' progress rows say the last batch.</summary>
    private static void AssertTables(Func<DbConnection> connect, InputData input, string prefix)
    {
        using DbConnection connection = connect();
        connection.Open();
        var totals = Read(connection, $"SELECT \"Key\", \"Count\", \"Sum\" FROM \"{MatrixLayout.TotalsTable(prefix)}\" ORDER BY \"Key\"",
            r => new KeyTotal(r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        Xunit.Assert.Equal(input.ExpectedTotalsTable().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value), totals);

        var numbered = Read(connection, $"SELECT \"Id\", \"Key\", \"Seq\" FROM \"{MatrixLayout.NumberedTable(prefix)}\" ORDER BY \"Id\"",
            r => new Numbered(r.GetInt64(0), r.GetString(1), r.GetInt64(2)));
        long[] repeated = numbered.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Xunit.Assert.True(repeated.Length == 0, $"Events written more than once: {string.Join(", ", repeated)}");
        Xunit.Assert.Equal(ExpectedNumbered(input), numbered);

        var progress = Read(connection,
            $"SELECT target_table, batch_id FROM _compiled_progress WHERE target_table LIKE '{prefix}%' ORDER BY target_table",
            r => (Table: r.GetString(0), Batch: r.GetInt64(1)));
        Xunit.Assert.Equal([(MatrixLayout.NumberedTable(prefix), InputData.FileCount - 1L), (MatrixLayout.TotalsTable(prefix), InputData.FileCount - 1L)], progress);
    }

    /// <summary>
    /// What a read_committed reader sees: the totals topic holds each batch's updates once (the reference of that batch),
    /// the numbered topic each event once with its reference number, and each query committed every batch exactly once.
    /// The mock cluster shows rows of transactions that never committed to every reader (a real broker aborts them); they
    /// are dropped by their attempt header. Any crash point can leave some: the host runs both queries, and the kill at
    /// one query's point can cut the other's open transaction.
    /// </summary>
    private static void AssertTopics(string bootstrap, InputData input, string prefix)
    {
        string progress = MatrixLayout.ProgressTopic(prefix);
        var totals = KafkaTopicReader.ReadCommitted(bootstrap, MatrixLayout.TotalsTopic(prefix), progress, out _)
            .Select(m => (Batch: BatchOf(m), Row: Parse(m, MatrixJson.Default.KeyTotal, t => t.Key)))
            .OrderBy(r => r.Batch).ThenBy(r => r.Row.Key, StringComparer.Ordinal).ToList();
        var expectedTotals = input.ExpectedTotalsBatches()
            .SelectMany((rows, batch) => rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(row => (Batch: (long)batch, Row: row)))
            .ToList();
        Xunit.Assert.Equal(expectedTotals, totals);

        var numbered = KafkaTopicReader.ReadCommitted(bootstrap, MatrixLayout.NumberedTopic(prefix), progress, out _)
            .Select(m => Parse(m, MatrixJson.Default.Numbered, n => n.Key)).ToList();
        long[] repeated = numbered.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Xunit.Assert.True(repeated.Length == 0, $"Events written more than once: {string.Join(", ", repeated)}");
        Xunit.Assert.Equal(ExpectedNumbered(input), numbered.OrderBy(r => r.Id));

        var committedBatches = KafkaTopicReader.ReadProgress(bootstrap, progress)
            .GroupBy(p => p.QueryId)
            .Select(g => g.Select(p => p.BatchId).ToList())
            .ToList();
        Xunit.Assert.Equal(2, committedBatches.Count);
        foreach (List<long> batches in committedBatches) Xunit.Assert.Equal(Enumerable.Range(0, InputData.FileCount).Select(n => (long)n), batches);
    }

    private static long BatchOf(ConsumeResult<string?, string?> message) =>
        long.Parse(Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(KafkaSink<object>.BatchHeader)), CultureInfo.InvariantCulture);

    /// <summary>The message's row; its Kafka key must be the row's key.</summary>
    private static T Parse<T>(ConsumeResult<string?, string?> message, JsonTypeInfo<T> type, Func<T, string> key)
    {
        T row = JsonSerializer.Deserialize(message.Message.Value!, type)!;
        Xunit.Assert.Equal(key(row), message.Message.Key);
        return row;
    }

    private static List<T> Read<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }
}
