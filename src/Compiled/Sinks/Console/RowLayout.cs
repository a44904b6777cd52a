using System.Collections;
using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;

namespace Compiled.Sinks.ConsoleTable;

/// <summary>
/// The columns the console sink shows for a row type: one "value" column for scalars (as Spark names
/// the column of a <c>Dataset[Int]</c>), otherwise the public instance properties and then fields, in
/// declaration order (a record's positional parameters first, in constructor order).
/// </summary>
/// <remarks>Built by reflection once per type; the console sink is a debugging sink, not a hot path.</remarks>
internal sealed class RowLayout
{
    private const string ScalarColumnName = "value";
    private const string RecordCloneMethodName = "<Clone>$";
    private static readonly ConcurrentDictionary<Type, RowLayout> s_cache = new();

    private readonly MemberInfo[] _members;

    private RowLayout(string[] names, MemberInfo[] members)
    {
        Names = names;
        _members = members;
    }

    /// <summary>Column headers, in display order.</summary>
    public string[] Names { get; }

    /// <summary>The properties and fields behind the columns, in column order; empty for a scalar.</summary>
    public IReadOnlyList<MemberInfo> Members => _members;

    /// <summary>True when the whole row is one cell.</summary>
    public bool IsScalar => _members.Length == 0;

    public static RowLayout For(Type type) => s_cache.GetOrAdd(type, Build);

    /// <summary>The value of column <paramref name="column"/> of <paramref name="row"/>.</summary>
    public object? GetValue(object? row, int column)
    {
        if (IsScalar || row is null) return row;
        return _members[column] switch
        {
            PropertyInfo p => p.GetValue(row),
            FieldInfo f => f.GetValue(row),
            _ => throw new InvalidOperationException("Unreachable: only properties and fields are collected."),
        };
    }

    /// <summary>Types shown as one cell: numbers, text, times, identifiers, enums, byte arrays and collections.</summary>
    public static bool IsScalarType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type.IsPointer
               || type == typeof(string) || type == typeof(object) || type == typeof(decimal)
               || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)
               || type == typeof(TimeOnly) || type == typeof(TimeSpan) || type == typeof(Guid)
               || type == typeof(BigInteger) || type == typeof(Uri) || type == typeof(Version)
               || typeof(IFormattable).IsAssignableFrom(type)
               || typeof(IEnumerable).IsAssignableFrom(type);
    }

    private static RowLayout Build(Type type)
    {
        if (IsScalarType(type)) return new RowLayout([ScalarColumnName], []);

        var members = new List<MemberInfo>();
        members.AddRange(InDeclarationOrder(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetMethod!.IsPublic && p.GetIndexParameters().Length == 0)));
        members.AddRange(InDeclarationOrder(type.GetFields(BindingFlags.Public | BindingFlags.Instance)));
        if (members.Count == 0) return new RowLayout([ScalarColumnName], []);   // shown through ToString()

        if (type.GetMethod(RecordCloneMethodName, BindingFlags.Public | BindingFlags.Instance) is not null)
            members = PositionalFirst(type, members);
        return new RowLayout(members.Select(m => m.Name).ToArray(), members.ToArray());
    }

    // Reflection does not promise declaration order; metadata tokens follow it within a type, and base
    // types come first as their members are declared first.
    private static IEnumerable<T> InDeclarationOrder<T>(IEnumerable<T> members) where T : MemberInfo =>
        members.OrderBy(m => Depth(m.DeclaringType!)).ThenBy(m => m.MetadataToken);

    private static int Depth(Type type)
    {
        int depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }

    /// <summary>Moves a record's positional properties to the front, in primary-constructor order.</summary>
    private static List<MemberInfo> PositionalFirst(Type type, List<MemberInfo> members)
    {
        var byName = members.OfType<PropertyInfo>().GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (MemberInfo)g.Last(), StringComparer.Ordinal);
        var primary = type.GetConstructors()
            .Where(c => c.GetParameters() is { Length: > 0 } ps && ps.All(p => p.Name is not null && byName.ContainsKey(p.Name)))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (primary is null) return members;

        var ordered = primary.GetParameters().Select(p => byName[p.Name!]).ToList();
        ordered.AddRange(members.Where(m => !ordered.Contains(m)));
        return ordered;
    }
}
