using System.Data.Common;
using Compiled.CrashHost;
using Compiled.CrashTests.TestSupport;
using Compiled.SinkCrashHost;
using Compiled.Sinks.Files;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Compiled.CrashTests.SinkMatrix;

/// <summary>What each sink must hold after the matrix's final run: exactly the reference, nothing lost, nothing twice.</summary>
public static class SinkOutputs
{
    /// <summary>Checks the outputs of <paramref name="kind"/>'s queries.</summary>
    public static void Assert(SinkKind kind, CrashWorkspace workspace, InputData input, string? postgres, string prefix)
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
                AssertTables(() => new NpgsqlConnection(postgres), input, prefix);
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
