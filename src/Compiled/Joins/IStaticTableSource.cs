namespace Compiled.Joins;

/// <summary>Where a <see cref="StaticTable{T}"/> reads its rows: files, a database table, a collection.</summary>
/// <typeparam name="T">The row type.</typeparam>
public interface IStaticTableSource<T>
{
    /// <summary>What the rows are read from, for errors and plan descriptions, e.g. <c>users.csv</c>.</summary>
    string Description { get; }

    /// <summary>Reads every row; throws with the source and the record at fault when the rows cannot be read.</summary>
    IReadOnlyList<T> Load();

    /// <summary>
    /// A cheap token that changes whenever the rows may have changed (file lengths and times, a database's change
    /// counter); null when the source cannot tell, in which case <see cref="TableRefresh.WhenChanged"/> reads it before every batch.
    /// </summary>
    string? ChangeToken();
}
