using System.Linq.Expressions;
using System.Reflection;
using Compiled.Sinks.ConsoleTable;

namespace Compiled.Sinks.Tables;

/// <summary>
/// The columns a row type writes to a table sink, in declaration order (a record's positional parameters first,
/// as the console sink shows them), and its key: the members a key selector names, else those marked
/// <see cref="TableKeyAttribute"/>. Built once per sink by reflection over the type, never per row.
/// </summary>
internal sealed class TableSchema
{
    private TableSchema(Type rowType, TableColumn[] columns)
    {
        RowType = rowType;
        Columns = columns;
        Keys = Array.FindAll(columns, c => c.IsKey);
    }

    /// <summary>The row type.</summary>
    public Type RowType { get; }

    /// <summary>Every column, in order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The key columns, in column order; empty when no key is declared.</summary>
    public IReadOnlyList<TableColumn> Keys { get; }

    /// <summary>The schema of <typeparamref name="T"/>, keyed by <paramref name="keySelector"/> when given.</summary>
    /// <exception cref="NotSupportedException">A member has a type no table column can hold, or the type has no members.</exception>
    /// <exception cref="ArgumentException">The key selector does not name members of the row.</exception>
    public static TableSchema For<T>(LambdaExpression? keySelector)
    {
        Type type = typeof(T);
        RowLayout layout = RowLayout.For(type);
        if (layout.IsScalar)
            throw new NotSupportedException($"A table sink needs a row type with public properties or fields, one per column; '{type.Name}' is a single value.");
        HashSet<string> keys = keySelector is null ? AttributeKeys(type, layout.Members) : SelectorKeys(type, keySelector);
        var nullability = new NullabilityInfoContext();
        var columns = new TableColumn[layout.Members.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            MemberInfo member = layout.Members[i];
            Type memberType = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
            ColumnKind kind = TableColumn.KindOf(memberType) ?? throw new NotSupportedException(
                $"Member '{type.Name}.{member.Name}' has type '{memberType.Name}', which a table column cannot hold. " +
                "Use a number, bool, string, char, decimal, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid, byte[], an enum, or a nullable of those (docs/tables.md).");
            bool nullable = memberType.IsValueType ? Nullable.GetUnderlyingType(memberType) is not null : IsNullableReference(nullability, member);
            bool isKey = keys.Remove(member.Name);
            if (isKey && nullable)
                throw new NotSupportedException($"Key member '{type.Name}.{member.Name}' may be null; a key column cannot hold null. Make it non-nullable.");
            columns[i] = new TableColumn(member.Name, member, memberType, kind, nullable, isKey);
        }
        if (keys.Count > 0)
            throw new ArgumentException($"The key of table rows '{type.Name}' names '{string.Join("', '", keys)}', which is not a public property or field of it.", nameof(keySelector));
        return new TableSchema(type, columns);
    }

    private static bool IsNullableReference(NullabilityInfoContext context, MemberInfo member)
    {
        NullabilityInfo info = member is PropertyInfo p ? context.Create(p) : context.Create((FieldInfo)member);
        return info.ReadState != NullabilityState.NotNull;
    }

    /// <summary>Members marked <see cref="TableKeyAttribute"/>, on themselves or on the primary-constructor parameter of the same name.</summary>
    private static HashSet<string> AttributeKeys(Type type, IReadOnlyList<MemberInfo> members)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (MemberInfo member in members)
        {
            if (member.IsDefined(typeof(TableKeyAttribute), inherit: true)) keys.Add(member.Name);
        }
        foreach (ConstructorInfo constructor in type.GetConstructors())
        {
            foreach (ParameterInfo parameter in constructor.GetParameters())
            {
                if (parameter.Name is { } name && parameter.IsDefined(typeof(TableKeyAttribute), inherit: false)) keys.Add(name);
            }
        }
        return keys;
    }

    /// <summary>The members a key selector names: <c>r =&gt; r.Id</c> or <c>r =&gt; new { r.A, r.B }</c>.</summary>
    private static HashSet<string> SelectorKeys(Type type, LambdaExpression selector)
    {
        Expression body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
        IEnumerable<Expression> parts = body is NewExpression created ? created.Arguments : [body];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (Expression part in parts)
        {
            if (part is not MemberExpression { Expression: ParameterExpression } access)
                throw new ArgumentException(
                    $"The key selector '{selector}' of table rows '{type.Name}' must name members of the row, as in r => r.Id or r => new {{ r.A, r.B }}; '{part}' is not one.",
                    nameof(selector));
            keys.Add(access.Member.Name);
        }
        return keys;
    }
}
