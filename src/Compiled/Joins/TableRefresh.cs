namespace Compiled;

/// <summary>When a <see cref="StaticTable{T}"/> reads its source again.</summary>
public enum TableRefresh
{
    /// <summary>Once, when the query starts: later changes of the source are not seen until a restart.</summary>
    AtStart,

    /// <summary>
    /// Before each batch, when the source reports a change (a file's length or time, a table's change token): the batch
    /// joins with the rows as they are when it starts. A replayed batch reads the source as it is at replay time.
    /// </summary>
    WhenChanged,
}
