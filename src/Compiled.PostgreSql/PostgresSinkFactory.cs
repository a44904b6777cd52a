using System.Linq.Expressions;
using Compiled.Sinks.Tables;

namespace Compiled.PostgreSql;

/// <summary>Adds <c>Sink.Postgres</c> to the built-in sink factories.</summary>
public static class PostgresSinkFactory
{
    extension(Sink)
    {
        /// <summary>
        /// Writes each batch into table <paramref name="table"/> of the PostgreSQL database <paramref name="connectionString"/>
        /// names, exactly once: the batch id is committed in the same transaction as the rows. Append and Complete copy
        /// the rows in with binary COPY; Update copies them into a temporary staging table and upserts on the members
        /// marked <see cref="TableKeyAttribute"/> in one statement; Complete first deletes the table's rows.
        /// </summary>
        /// <param name="connectionString">An Npgsql connection string.</param>
        /// <param name="table">The target table, optionally <c>schema.table</c>; created from <typeparamref name="T"/> when missing (docs/tables.md), checked against it otherwise.</param>
        /// <param name="options">Retry budget, progress table name; the defaults when null.</param>
        public static PostgresSink<T> Postgres<T>(string connectionString, string table, TableSinkOptions? options = null) =>
            new(connectionString, table, TableSchema.For<T>(keySelector: null), options);

        /// <summary>As <see cref="Postgres{T}(string, string, TableSinkOptions?)"/>, upserting on the members <paramref name="key"/> names.</summary>
        /// <param name="connectionString">An Npgsql connection string.</param>
        /// <param name="table">The target table, optionally <c>schema.table</c>.</param>
        /// <param name="key">The key: <c>r =&gt; r.Id</c> or <c>r =&gt; new { r.A, r.B }</c>.</param>
        /// <param name="options">Retry budget, progress table name; the defaults when null.</param>
        public static PostgresSink<T> Postgres<T, TKey>(string connectionString, string table, Expression<Func<T, TKey>> key, TableSinkOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(key);
            return new(connectionString, table, TableSchema.For<T>(key), options);
        }
    }
}
