namespace Compiled.State;

/// <summary>
/// An operator's own count of its state rows (<see cref="IStateStore{TKey, TValue}.ReportRows"/>), which its store's
/// metrics show instead of the store's entries once the operator has reported it.
/// </summary>
internal struct ReportedRows
{
    private bool _reported;
    private long _total;
    private long _updated;
    private long _removed;

    /// <summary>Records the operator's counts: rows held now, and rows updated and removed since the previous report.</summary>
    public void Set(long total, long updated, long removed)
    {
        _reported = true;
        _total = total;
        _updated += updated;
        _removed += removed;
    }

    /// <summary>
    /// The counts to show for this batch: the reported ones if the operator ever reported, else the store's own; the updated
    /// and removed counts start again at zero.
    /// </summary>
    public (long Total, long Updated, long Removed) Take(long storeTotal, long storeUpdated, long storeRemoved)
    {
        if (!_reported) return (storeTotal, storeUpdated, storeRemoved);
        var counts = (_total, _updated, _removed);
        _updated = 0;
        _removed = 0;
        return counts;
    }
}
