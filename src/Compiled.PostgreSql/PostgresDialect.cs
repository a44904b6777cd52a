using Compiled.Sinks.Tables;
using NpgsqlTypes;

namespace Compiled.PostgreSql;

/// <summary>
/// PostgreSQL's column types, as <c>information_schema.columns.data_type</c> spells them. An existing column must
/// have exactly the type a created one would get, except that text also fits <c>character varying</c> and
/// <c>character</c> columns.
/// </summary>
internal sealed class PostgresDialect : TableDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Name => "PostgreSQL";

    public override string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean => "boolean",
        ColumnKind.Int16 => "smallint",
        ColumnKind.Int32 => "integer",
        ColumnKind.Int64 => "bigint",
        ColumnKind.Single => "real",
        ColumnKind.Double => "double precision",
        ColumnKind.Decimal => "numeric",
        ColumnKind.Text => "text",
        ColumnKind.DateTime => "timestamp without time zone",
        ColumnKind.DateTimeOffset => "timestamp with time zone",
        ColumnKind.Date => "date",
        ColumnKind.Time => "time without time zone",
        ColumnKind.Interval => "interval",
        ColumnKind.Uuid => "uuid",
        ColumnKind.Bytes => "bytea",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public override bool Accepts(ColumnKind kind, string declared) =>
        string.Equals(declared, SqlType(kind), StringComparison.OrdinalIgnoreCase)
        || (kind == ColumnKind.Text && declared is "character varying" or "character");

    /// <summary>The binary COPY type of <paramref name="kind"/>.</summary>
    public static NpgsqlDbType CopyType(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean => NpgsqlDbType.Boolean,
        ColumnKind.Int16 => NpgsqlDbType.Smallint,
        ColumnKind.Int32 => NpgsqlDbType.Integer,
        ColumnKind.Int64 => NpgsqlDbType.Bigint,
        ColumnKind.Single => NpgsqlDbType.Real,
        ColumnKind.Double => NpgsqlDbType.Double,
        ColumnKind.Decimal => NpgsqlDbType.Numeric,
        ColumnKind.Text => NpgsqlDbType.Text,
        ColumnKind.DateTime => NpgsqlDbType.Timestamp,
        ColumnKind.DateTimeOffset => NpgsqlDbType.TimestampTz,
        ColumnKind.Date => NpgsqlDbType.Date,
        ColumnKind.Time => NpgsqlDbType.Time,
        ColumnKind.Interval => NpgsqlDbType.Interval,
        ColumnKind.Uuid => NpgsqlDbType.Uuid,
        ColumnKind.Bytes => NpgsqlDbType.Bytea,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
