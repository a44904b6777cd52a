using Compiled.Aggregation;

namespace Compiled.Windows;

/// <summary>
/// The open state of one window (or pane) start: a table of the other key parts, and the state chunks
/// that hold its entries durably (one per batch that changed it).
/// </summary>
/// <remarks>
/// A window's keys share one small table, so the rows of a batch, which arrive window by window, update memory that
/// stays in cache, and closing a window takes the table whole.
/// </remarks>
/// <typeparam name="TKey">The other key parts.</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
internal sealed class WindowTable<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    /// <summary>Inclusive start (Unix ms).</summary>
    public long StartMs { get; private set; }

    /// <summary>Exclusive end (Unix ms).</summary>
    public long EndMs { get; private set; }

    /// <summary>An empty table sized for <paramref name="expectedKeys"/> keys.</summary>
    public WindowTable(int expectedKeys) => Entries = new WindowEntries<TKey, TAcc, TKeyOps>(expectedKeys);

    /// <summary>The entries, in first-seen order.</summary>
    public WindowEntries<TKey, TAcc, TKeyOps> Entries { get; }

    /// <summary>The chunk sequence numbers under which the state store holds this table's entries.</summary>
    public List<long> Chunks { get; } = [];

    /// <summary>The batch stamp of the last change, so a table is listed as changed once per batch.</summary>
    public int Stamp { get; set; }

    /// <summary>Entries the table held when the batch of <see cref="Stamp"/> first changed it: the ones after were added by that batch.</summary>
    public int EntriesBefore { get; set; }

    /// <summary>Entries from before the batch of <see cref="Stamp"/> that it changed.</summary>
    public int UpdatedEntries { get; set; }

    /// <summary>Entries the batch of <see cref="Stamp"/> changed, counted at its end: the size of the table's chunk for that batch.</summary>
    public int ChangedEntries { get; set; }

    /// <summary>
    /// The chunk the table's last changing batch put, while it may be pending: the table must not change before it is
    /// resolved. Null for a table no batch has changed since it was (re)opened.
    /// </summary>
    public WindowChunk? Pending { get; set; }

    /// <summary>The operator's count of ended batches when <see cref="Pending"/> was put.</summary>
    public long PendingBatch { get; set; }

    /// <summary>Makes an empty (new or recycled) table stand for [<paramref name="startMs"/>, <paramref name="endMs"/>).</summary>
    public void Reset(long startMs, long endMs)
    {
        StartMs = startMs;
        EndMs = endMs;
        Entries.Clear();
        Chunks.Clear();
        Stamp = 0;
        EntriesBefore = 0;
        UpdatedEntries = 0;
        ChangedEntries = 0;
        Pending = null;
    }
}
