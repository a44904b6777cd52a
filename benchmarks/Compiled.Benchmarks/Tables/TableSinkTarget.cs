namespace Compiled.Benchmarks.Tables;

/// <summary>The database a <see cref="TableSinkVariant"/> writes to.</summary>
internal enum TableSinkTarget
{
    /// <summary>A SQLite file in a temporary directory.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server started for the run (fsync on), on 127.0.0.1.</summary>
    Postgres,
}
