using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Compiled.Windows;

/// <summary>
/// The other key parts stored under each window (or pane) start: the in-memory index that lets a closing window find its
/// entries without a scan, so closing costs the entries closed. One list per start, not one index entry per key.
/// </summary>
/// <remarks>Rows of a batch mostly arrive window by window, so the list of the last start used is kept at hand.</remarks>
/// <typeparam name="TKey">The other key parts.</typeparam>
internal sealed class KeysByStart<TKey>
{
    private readonly Dictionary<long, List<TKey>> _lists = new();
    private readonly Stack<List<TKey>> _free = new();
    private long _lastStart;
    private List<TKey>? _last;

    /// <summary>Adds <paramref name="key"/> under <paramref name="start"/>; returns true when the start is new.</summary>
    public bool Add(long start, in TKey key)
    {
        if (_last is not null && _lastStart == start)
        {
            _last.Add(key);
            return false;
        }

        ref List<TKey>? list = ref CollectionsMarshal.GetValueRefOrAddDefault(_lists, start, out bool exists);
        list ??= _free.TryPop(out List<TKey>? free) ? free : [];
        list.Add(key);
        _last = list;
        _lastStart = start;
        return !exists;
    }

    /// <summary>The keys under <paramref name="start"/>, left in place.</summary>
    public bool TryGet(long start, [NotNullWhen(true)] out List<TKey>? keys) => _lists.TryGetValue(start, out keys);

    /// <summary>Takes the keys under <paramref name="start"/> out of the index; hand the list back with <see cref="Recycle"/>.</summary>
    public bool TryTake(long start, [NotNullWhen(true)] out List<TKey>? keys)
    {
        if (!_lists.Remove(start, out keys)) return false;
        if (ReferenceEquals(keys, _last)) _last = null;
        return true;
    }

    /// <summary>Returns a taken list for reuse by a later start.</summary>
    public void Recycle(List<TKey> keys)
    {
        keys.Clear();
        _free.Push(keys);
    }
}
