using System.Linq.Expressions;
using System.Reflection;
using Compiled.Sinks.Tables;
using Npgsql;

namespace Compiled.PostgreSql;

/// <summary>
/// Compiles, once per sink, the method that writes one row into a binary COPY: one typed
/// <c>NpgsqlBinaryImporter.Write&lt;TValue&gt;</c> call per column, so values are neither boxed nor read by
/// reflection. A compiled expression tree rather than generated source, because the row type may come from any
/// assembly and the sink is a runtime library; it costs one compilation of a few milliseconds per sink.
/// </summary>
internal static class PostgresRowWriter
{
    private static readonly MethodInfo s_write = typeof(NpgsqlBinaryImporter).GetMethods()
        .Single(m => m.Name == nameof(NpgsqlBinaryImporter.Write) && m.IsGenericMethodDefinition
                     && m.GetParameters() is [_, { ParameterType: var type }] && type == typeof(NpgsqlTypes.NpgsqlDbType));

    private static readonly MethodInfo s_writeNull = typeof(NpgsqlBinaryImporter).GetMethod(nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes)!;

    private static readonly MethodInfo s_specifyKind = typeof(DateTime).GetMethod(nameof(DateTime.SpecifyKind))!;

    private static readonly MethodInfo s_toUniversalTime = typeof(DateTimeOffset).GetMethod(nameof(DateTimeOffset.ToUniversalTime))!;

    /// <summary>The writer of <paramref name="schema"/>'s columns, in order, into a row the caller has started.</summary>
    public static Action<NpgsqlBinaryImporter, T> Compile<T>(TableSchema schema)
    {
        ParameterExpression importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
        ParameterExpression row = Expression.Parameter(typeof(T), "row");
        var variables = new List<ParameterExpression>();
        var body = new List<Expression>();
        foreach (TableColumn column in schema.Columns)
        {
            ParameterExpression value = Expression.Variable(column.MemberType, column.Name);
            variables.Add(value);
            body.Add(Expression.Assign(value, column.Read(row)));
            Expression storage = ForPostgres(column.Kind, column.ToStorage(value));
            Expression write = Expression.Call(importer, s_write.MakeGenericMethod(column.StorageType), storage,
                Expression.Constant(PostgresDialect.CopyType(column.Kind)));
            body.Add(column.IsNull(value) is { } isNull ? Expression.IfThenElse(isNull, Expression.Call(importer, s_writeNull), write) : write);
        }
        body.Add(Expression.Empty());
        return Expression.Lambda<Action<NpgsqlBinaryImporter, T>>(Expression.Block(variables, body), importer, row).Compile();
    }

    /// <summary>
    /// Npgsql refuses a UTC or local <c>DateTime</c> for <c>timestamp</c> and a non-zero offset for <c>timestamptz</c>:
    /// the wall-clock value is stored as it is (its kind is not), and an offset is stored as the instant it denotes.
    /// </summary>
    private static Expression ForPostgres(ColumnKind kind, Expression value) => kind switch
    {
        ColumnKind.DateTime => Expression.Call(s_specifyKind, value, Expression.Constant(DateTimeKind.Unspecified)),
        ColumnKind.DateTimeOffset => Expression.Call(value, s_toUniversalTime),
        _ => value,
    };
}
