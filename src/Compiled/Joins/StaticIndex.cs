using System.Numerics;
using System.Runtime.CompilerServices;
using Compiled.Aggregation;

namespace Compiled.Joins;

/// <summary>
/// A stream-static join's hash index over the table rows: rows with equal keys stored contiguously, and an
/// open-addressing table from key to that run, so a lookup returns a span of the matches without allocating.
/// </summary>
/// <typeparam name="TKey">The join key.</typeparam>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TKeyOps">Generated hashing and equality of the key, inlined by the JIT.</typeparam>
/// <remarks>Rebuilt by the generated plan only when the table's rows changed (<see cref="StaticTable{T}.RowsForBatch"/>).</remarks>
public sealed class StaticIndex<TKey, TRow, TKeyOps>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    // The outer row of a left outer join without a match: one row of default values.
    private readonly TRow[] _missing = new TRow[1];
    private int[] _slots = [-1];
    private int _mask;
    private TKey[] _keys = [];
    private int[] _hashes = [];
    private int[] _starts = [0];
    private TRow[] _rows = [];

    /// <summary>The table version the index was built from; -1 before the first build.</summary>
    public long Version { get; private set; } = -1;

    /// <summary>Number of distinct keys.</summary>
    public int KeyCount { get; private set; }

    /// <summary>
    /// Indexes <paramref name="rows"/> by <paramref name="keys"/> (one key per row, same order); rows whose key is null
    /// never match, as in Spark.
    /// </summary>
    public void Rebuild(ReadOnlySpan<TRow> rows, ReadOnlySpan<TKey> keys, long version)
    {
        if (rows.Length != keys.Length) throw new ArgumentException("One key per row is needed.", nameof(keys));
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, rows.Length * 2));
        var slots = new int[capacity];
        Array.Fill(slots, -1);
        int mask = capacity - 1;
        var groupOf = new int[rows.Length];
        var groupKeys = new TKey[rows.Length];
        var groupHashes = new int[rows.Length];
        var counts = new int[rows.Length + 1];
        int groups = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            if (keys[i] is null)
            {
                groupOf[i] = -1;
                continue;
            }
            int hash = default(TKeyOps).Hash(in keys[i]);
            int slot = hash & mask;
            int group;
            while (true)
            {
                group = slots[slot];
                if (group < 0)
                {
                    group = groups++;
                    slots[slot] = group;
                    groupKeys[group] = keys[i];
                    groupHashes[group] = hash;
                    break;
                }
                if (groupHashes[group] == hash && default(TKeyOps).Equal(in groupKeys[group], in keys[i])) break;
                slot = (slot + 1) & mask;
            }
            groupOf[i] = group;
            counts[group + 1]++;
        }
        for (int g = 0; g < groups; g++) counts[g + 1] += counts[g];
        var sorted = new TRow[counts[groups]];
        var next = counts.AsSpan(0, groups).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            if (groupOf[i] >= 0) sorted[next[groupOf[i]]++] = rows[i];
        }
        _slots = slots;
        _mask = mask;
        _keys = groupKeys;
        _hashes = groupHashes;
        _starts = counts;
        _rows = sorted;
        KeyCount = groups;
        Version = version;
    }

    /// <summary>The table rows whose key equals <paramref name="key"/>; empty when none (or the key is null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<TRow> Find(in TKey key)
    {
        int group = GroupOf(in key);
        return group < 0 ? default : _rows.AsSpan(_starts[group], _starts[group + 1] - _starts[group]);
    }

    /// <summary>As <see cref="Find"/>, but one <c>default</c> row when nothing matches: the null side of a left outer join.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<TRow> FindOrDefault(in TKey key)
    {
        int group = GroupOf(in key);
        return group < 0 ? _missing : _rows.AsSpan(_starts[group], _starts[group + 1] - _starts[group]);
    }

    /// <summary>True when some table row has key <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(in TKey key) => GroupOf(in key) >= 0;

    private int GroupOf(in TKey key)
    {
        if (key is null) return -1;
        int hash = default(TKeyOps).Hash(in key);
        int slot = hash & _mask;
        while (true)
        {
            int group = _slots[slot];
            if (group < 0) return -1;
            if (_hashes[group] == hash && default(TKeyOps).Equal(in _keys[group], in key)) return group;
            slot = (slot + 1) & _mask;
        }
    }
}
