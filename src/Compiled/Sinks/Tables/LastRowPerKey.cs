using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.Sinks.Tables;

/// <summary>
/// In Update mode, the rows of a batch that survive its upserts: the last row of each key, in batch order. Earlier rows
/// of a key would be overwritten inside the same transaction, so the table ends the same without writing them, and
/// the database does a fraction of the B-tree work when a batch repeats keys.
/// </summary>
/// <remarks>
/// Keys are compared by their stored values (after the column's conversion to its storage type), so rows the database
/// would see as one key are one key here. A key with a nullable column is never reduced: a database's unique index
/// treats every null as distinct.
/// </remarks>
/// <typeparam name="T">The row type.</typeparam>
internal sealed class LastRowPerKey<T>
{
    private readonly Dictionary<Row, int> _last;
    private T[] _kept = [];
    private int _keptCount;

    private LastRowPerKey(IEqualityComparer<Row> comparer) => _last = new Dictionary<Row, int>(comparer);

    /// <summary>The reducer of <paramref name="schema"/>'s key, or null when the key has a nullable column or no column.</summary>
    public static LastRowPerKey<T>? For(TableSchema schema)
    {
        if (schema.Keys.Count == 0) return null;
        foreach (TableColumn key in schema.Keys)
        {
            if (key.Nullable) return null;
        }
        return new LastRowPerKey<T>(CompileComparer(schema.Keys));
    }

    /// <summary>
    /// The last row of each key of <paramref name="rows"/>, in their order; <paramref name="rows"/> itself when no key
    /// repeats. The result stays valid until <see cref="Release"/> or the next call.
    /// </summary>
    public ReadOnlySpan<T> Reduce(ReadOnlySpan<T> rows)
    {
        if (rows.Length < 2) return rows;
        _last.Clear();
        _last.EnsureCapacity(rows.Length);
        for (int i = 0; i < rows.Length; i++) CollectionsMarshal.GetValueRefOrAddDefault(_last, new Row(rows[i]), out _) = i;
        if (_last.Count == rows.Length) return rows;
        if (_kept.Length < _last.Count) _kept = new T[_last.Count];
        int n = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            if (_last[new Row(rows[i])] == i) _kept[n++] = rows[i];
        }
        _keptCount = n;
        _last.Clear();
        return _kept.AsSpan(0, n);
    }

    /// <summary>Drops the references the last reduction kept, so the batch's rows can be collected.</summary>
    public void Release()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(_kept, 0, _keptCount);
        _keptCount = 0;
    }

    /// <summary>Equality and hash over the key columns' stored values, compiled once per sink.</summary>
    private static IEqualityComparer<Row> CompileComparer(IReadOnlyList<TableColumn> keys)
    {
        ParameterExpression a = Expression.Parameter(typeof(T), "a");
        ParameterExpression b = Expression.Parameter(typeof(T), "b");
        Expression? equal = null;
        Expression hash = Expression.Constant(17);
        foreach (TableColumn key in keys)
        {
            Type storage = key.StorageType;
            Type comparerType = typeof(EqualityComparer<>).MakeGenericType(storage);
            Expression comparer = Expression.Property(null, comparerType, nameof(EqualityComparer<int>.Default));
            Expression same = Expression.Call(comparer, comparerType.GetMethod(nameof(Equals), [storage, storage])!,
                key.ToStorage(key.Read(a)), key.ToStorage(key.Read(b)));
            equal = equal is null ? same : Expression.AndAlso(equal, same);
            Expression part = Expression.Call(comparer, comparerType.GetMethod(nameof(GetHashCode), [storage])!, key.ToStorage(key.Read(a)));
            hash = Expression.Add(Expression.Multiply(hash, Expression.Constant(31)), part);
        }
        return new KeyComparer(
            Expression.Lambda<Func<T, T, bool>>(equal!, a, b).Compile(),
            Expression.Lambda<Func<T, int>>(hash, a).Compile());
    }

    /// <summary>A row as a dictionary key (a struct, so the dictionary's non-null key constraint holds for any row type).</summary>
    private readonly record struct Row(T Value);

    /// <summary>An equality comparer of rows by key, from compiled delegates.</summary>
    private sealed class KeyComparer(Func<T, T, bool> equals, Func<T, int> hash) : IEqualityComparer<Row>
    {
        public bool Equals(Row x, Row y) => equals(x.Value, y.Value);

        public int GetHashCode(Row obj) => hash(obj.Value);
    }
}
