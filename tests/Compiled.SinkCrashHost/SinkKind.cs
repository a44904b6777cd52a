namespace Compiled.SinkCrashHost;

/// <summary>
/// The sinks the crash matrix runs. To add one: a member here, its queries in <see cref="MatrixQueries"/>, and its
/// output check in the crash tests' <c>SinkOutputs</c>; the matrix then runs it through every crash point.
/// </summary>
public enum SinkKind
{
    /// <summary><c>Sink.JsonFiles</c>, Append: <see cref="NumberedPlan"/>.</summary>
    File,

    /// <summary><c>Sink.ForeachBatch</c> with an idempotent writer, Update: the crash host's <c>TotalsPlan</c>.</summary>
    ForeachBatch,

    /// <summary><c>Sink.Sqlite</c>: <c>TotalsPlan</c> upserting (Update) and <see cref="NumberedPlan"/> inserting (Append), into one database file.</summary>
    Sqlite,

    /// <summary><c>Sink.Postgres</c>: as <see cref="Sqlite"/>, into a PostgreSQL server.</summary>
    Postgres,

    /// <summary>
    /// <c>Sink.Kafka</c>, exactly once: as <see cref="Sqlite"/>, each query to a topic of its own on a cluster the test
    /// process hosts (it outlives the killed host), with the sinks' progress records in one progress topic.
    /// </summary>
    Kafka,
}
