using System.Linq.Expressions;
using Compiled.Sinks.Tables;

namespace Compiled.Sqlite;

/// <summary>Adds <c>Sink.Sqlite</c> to the built-in sink factories.</summary>
public static class SqliteSinkFactory
{
    extension(Sink)
    {
        /// <summary>
        /// Writes each batch into table <paramref name="table"/> of the SQLite database file <paramref name="path"/>,
        /// exactly once: the batch id is committed in the same transaction as the rows. Append inserts, Update upserts
        /// on the members marked <see cref="TableKeyAttribute"/>, Complete replaces the table's contents.
        /// </summary>
        /// <param name="path">The database file; it and its directory are created when missing.</param>
        /// <param name="table">The target table; created from <typeparamref name="T"/> when missing (docs/tables.md), checked against it otherwise.</param>
        /// <param name="options">Retry budget, progress table name; the defaults when null.</param>
        public static SqliteSink<T> Sqlite<T>(string path, string table, TableSinkOptions? options = null) =>
            new(path, table, TableSchema.For<T>(keySelector: null), options);

        /// <summary>As <see cref="Sqlite{T}(string, string, TableSinkOptions?)"/>, upserting on the members <paramref name="key"/> names.</summary>
        /// <param name="path">The database file; it and its directory are created when missing.</param>
        /// <param name="table">The target table.</param>
        /// <param name="key">The key: <c>r =&gt; r.Id</c> or <c>r =&gt; new { r.A, r.B }</c>.</param>
        /// <param name="options">Retry budget, progress table name; the defaults when null.</param>
        public static SqliteSink<T> Sqlite<T, TKey>(string path, string table, Expression<Func<T, TKey>> key, TableSinkOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(key);
            return new(path, table, TableSchema.For<T>(key), options);
        }
    }
}
