using System.Linq.Expressions;
using Compiled.Sinks.Tables;
using Microsoft.Data.Sqlite;

namespace Compiled.Sqlite;

/// <summary>
/// Compiles, once per sink, the method that copies one row into the prepared statement's parameters: a compiled
/// expression tree rather than reflection per row, and rather than the source generator because the row type may
/// come from any assembly and the sink is a runtime library; the cost is one compilation of a few milliseconds
/// when the sink is created.
/// </summary>
/// <remarks>
/// ADO.NET parameters take <c>object</c>, so each value is boxed once; measured, that is not what limits the
/// SQLite path (the B-tree writes are), see docs/tables.md.
/// </remarks>
internal static class SqliteRowBinder
{
    /// <summary>The binder of <paramref name="schema"/>'s columns to parameters of the same positions.</summary>
    public static Action<T, SqliteParameter[]> Compile<T>(TableSchema schema)
    {
        ParameterExpression row = Expression.Parameter(typeof(T), "row");
        ParameterExpression parameters = Expression.Parameter(typeof(SqliteParameter[]), "parameters");
        var variables = new List<ParameterExpression>();
        var body = new List<Expression>();
        Expression dbNull = Expression.Constant(DBNull.Value, typeof(object));
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            TableColumn column = schema.Columns[i];
            ParameterExpression value = Expression.Variable(column.MemberType, column.Name);
            variables.Add(value);
            body.Add(Expression.Assign(value, column.Read(row)));
            Expression target = Expression.Property(Expression.ArrayIndex(parameters, Expression.Constant(i)), nameof(SqliteParameter.Value));
            Expression assign = Expression.Assign(target, Expression.Convert(column.ToStorage(value), typeof(object)));
            body.Add(column.IsNull(value) is { } isNull ? Expression.IfThenElse(isNull, Expression.Assign(target, dbNull), assign) : assign);
        }
        return Expression.Lambda<Action<T, SqliteParameter[]>>(Expression.Block(variables, body), row, parameters).Compile();
    }

    /// <summary>The parameters <c>$p0</c>, <c>$p1</c>, … of <paramref name="command"/>, one per column, typed where the default would not fit.</summary>
    public static SqliteParameter[] AddParameters(SqliteCommand command, TableSchema schema)
    {
        var parameters = new SqliteParameter[schema.Columns.Count];
        for (int i = 0; i < parameters.Length; i++)
        {
            var parameter = new SqliteParameter { ParameterName = ParameterName(i), Value = DBNull.Value };
            if (schema.Columns[i].Kind == ColumnKind.Uuid) parameter.SqliteType = SqliteType.Text;
            parameters[i] = command.Parameters.Add(parameter);
        }
        return parameters;
    }

    /// <summary>The name of column <paramref name="index"/>'s parameter.</summary>
    public static string ParameterName(int index) => "$p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
