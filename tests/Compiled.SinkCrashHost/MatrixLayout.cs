namespace Compiled.SinkCrashHost;

/// <summary>Where the matrix host's queries write, under the output directory (and table prefix) it is given.</summary>
public static class MatrixLayout
{
    /// <summary>The file sink's directory.</summary>
    public static string NumberedFiles(string output) => Path.Combine(output, "numbered");

    /// <summary>The SQLite database file.</summary>
    public static string SqliteDatabase(string output) => Path.Combine(output, "sink.db");

    /// <summary>The table of <c>TotalsPlan</c>'s rows.</summary>
    public static string TotalsTable(string prefix) => prefix + "totals";

    /// <summary>The table of <see cref="NumberedPlan"/>'s rows.</summary>
    public static string NumberedTable(string prefix) => prefix + "numbered";

    /// <summary>The topic of <c>TotalsPlan</c>'s rows (Kafka).</summary>
    public static string TotalsTopic(string prefix) => prefix + "totals";

    /// <summary>The topic of <see cref="NumberedPlan"/>'s rows (Kafka).</summary>
    public static string NumberedTopic(string prefix) => prefix + "numbered";

    /// <summary>The topic of the Kafka sinks' progress records.</summary>
    public static string ProgressTopic(string prefix) => prefix + "progress";

    /// <summary>The checkpoint of query <paramref name="queryName"/>.</summary>
    public static string Checkpoint(string checkpoint, string queryName) => Path.Combine(checkpoint, queryName.ToLowerInvariant());
}
