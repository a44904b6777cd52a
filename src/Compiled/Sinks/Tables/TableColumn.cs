using System.Linq.Expressions;
using System.Reflection;

namespace Compiled.Sinks.Tables;

/// <summary>
/// One column of a table sink: the row type's member it reads, its storage kind and nullability. Providers build
/// their per-row writers from <see cref="Read"/>, <see cref="IsNull"/> and <see cref="ToStorage"/>, compiled once
/// per sink, so no row is read through reflection.
/// </summary>
/// <param name="Name">The column name: the member's name.</param>
/// <param name="Member">The property or field.</param>
/// <param name="MemberType">The member's declared type.</param>
/// <param name="Kind">How the value is stored.</param>
/// <param name="Nullable">True for <c>Nullable&lt;T&gt;</c> members and reference types not annotated as non-null.</param>
/// <param name="IsKey">True for members of the declared key.</param>
internal sealed record TableColumn(string Name, MemberInfo Member, Type MemberType, ColumnKind Kind, bool Nullable, bool IsKey)
{
    /// <summary>The CLR type a provider writes for <see cref="Kind"/>.</summary>
    public Type StorageType => StorageTypeOf(Kind);

    /// <summary>The member's value, of <see cref="MemberType"/>.</summary>
    public Expression Read(Expression row) => Expression.MakeMemberAccess(row, Member);

    /// <summary>A test of <paramref name="value"/> (from <see cref="Read"/>) against null, or null when the type has no null.</summary>
    public Expression? IsNull(Expression value)
    {
        if (System.Nullable.GetUnderlyingType(MemberType) is not null)
            return Expression.Not(Expression.Property(value, nameof(Nullable<int>.HasValue)));
        return MemberType.IsValueType ? null : Expression.ReferenceEqual(value, Expression.Constant(null, MemberType));
    }

    /// <summary><paramref name="value"/> (from <see cref="Read"/>, known not to be null) converted to <see cref="StorageType"/>.</summary>
    public Expression ToStorage(Expression value)
    {
        Type type = MemberType;
        if (System.Nullable.GetUnderlyingType(type) is { } underlying)
        {
            value = Expression.Call(value, type.GetMethod(nameof(Nullable<int>.GetValueOrDefault), Type.EmptyTypes)!);
            type = underlying;
        }
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
            value = Expression.Convert(value, type);
        }
        if (type == typeof(char)) return Expression.Call(typeof(char).GetMethod(nameof(char.ToString), [typeof(char)])!, value);
        return type == StorageType ? value : Expression.Convert(value, StorageType);
    }

    /// <summary>The kind a member type maps to, or null when tables cannot hold it.</summary>
    public static ColumnKind? KindOf(Type type)
    {
        type = System.Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) type = Enum.GetUnderlyingType(type);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => ColumnKind.Boolean,
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 => ColumnKind.Int16,
            TypeCode.UInt16 or TypeCode.Int32 => ColumnKind.Int32,
            TypeCode.UInt32 or TypeCode.Int64 => ColumnKind.Int64,
            TypeCode.Single => ColumnKind.Single,
            TypeCode.Double => ColumnKind.Double,
            TypeCode.Decimal => ColumnKind.Decimal,
            TypeCode.String or TypeCode.Char => ColumnKind.Text,
            TypeCode.DateTime => ColumnKind.DateTime,
            _ when type == typeof(DateTimeOffset) => ColumnKind.DateTimeOffset,
            _ when type == typeof(DateOnly) => ColumnKind.Date,
            _ when type == typeof(TimeOnly) => ColumnKind.Time,
            _ when type == typeof(TimeSpan) => ColumnKind.Interval,
            _ when type == typeof(Guid) => ColumnKind.Uuid,
            _ when type == typeof(byte[]) => ColumnKind.Bytes,
            _ => null,
        };
    }

    private static Type StorageTypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean => typeof(bool),
        ColumnKind.Int16 => typeof(short),
        ColumnKind.Int32 => typeof(int),
        ColumnKind.Int64 => typeof(long),
        ColumnKind.Single => typeof(float),
        ColumnKind.Double => typeof(double),
        ColumnKind.Decimal => typeof(decimal),
        ColumnKind.Text => typeof(string),
        ColumnKind.DateTime => typeof(DateTime),
        ColumnKind.DateTimeOffset => typeof(DateTimeOffset),
        ColumnKind.Date => typeof(DateOnly),
        ColumnKind.Time => typeof(TimeOnly),
        ColumnKind.Interval => typeof(TimeSpan),
        ColumnKind.Uuid => typeof(Guid),
        ColumnKind.Bytes => typeof(byte[]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
