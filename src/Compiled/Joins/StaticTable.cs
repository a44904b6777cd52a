using System.Text.Json;
using Compiled.Joins;
using Compiled.Sources.Files;
using Compiled.Sources.Files.Csv;

namespace Compiled;

/// <summary>
/// A bounded table a streaming query joins its rows with (Spark's stream-static join): users by id, campaigns by ad. A
/// <c>Define</c> parameter of this type is a typed input of the generated <c>Start</c>; the compiled plan indexes the
/// rows by the join key once per load and looks each stream row up without allocating.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <remarks>
/// Loading happens on the query's batch thread: at start, and before a batch when <see cref="Refresh"/> is
/// <see cref="TableRefresh.WhenChanged"/> and the source changed. An instance may be shared by several queries.
/// </remarks>
public sealed partial class StaticTable<T>
{
    private readonly IStaticTableSource<T> _source;
    private readonly Lock _lock = new();
    private T[]? _rows;
    private string? _token;
    private long _version;

    private StaticTable(IStaticTableSource<T> source, TableRefresh refresh)
    {
        _source = source;
        Refresh = refresh;
    }

    /// <summary>When the table reads its source again.</summary>
    public TableRefresh Refresh { get; }

    /// <summary>What the rows are read from.</summary>
    public string Description => _source.Description;

    /// <summary>A table of <paramref name="rows"/>, copied now: later changes of the collection are not seen.</summary>
    public static StaticTable<T> FromRows(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new StaticTable<T>(new CollectionTableSource<T>(rows.ToArray()), TableRefresh.AtStart);
    }

    /// <summary>
    /// A table read from a JSON-lines file, or from every file of a directory (names starting with '.' or '_' are
    /// skipped): one object per line, property names case-insensitive.
    /// </summary>
    /// <param name="path">A file or a directory.</param>
    /// <param name="refresh">Read once, or again before a batch when a file changed.</param>
    /// <param name="serializerOptions">System.Text.Json options replacing the default (case-insensitive) ones.</param>
    public static StaticTable<T> FromJsonLines(string path, TableRefresh refresh = TableRefresh.AtStart, JsonSerializerOptions? serializerOptions = null) =>
        new(new FileTableSource<T>(path, new JsonLineFormat<T>(serializerOptions)), refresh);

    /// <summary>A table read from a CSV file with a header row, or from every file of a directory; columns map to members by name.</summary>
    /// <param name="path">A file or a directory.</param>
    /// <param name="refresh">Read once, or again before a batch when a file changed.</param>
    public static StaticTable<T> FromCsv(string path, TableRefresh refresh = TableRefresh.AtStart) =>
        new(new FileTableSource<T>(path, new CsvFormat<T>()), refresh);

    /// <summary>A table read from <paramref name="source"/> (a SQLite or PostgreSQL table, or your own).</summary>
    public static StaticTable<T> From(IStaticTableSource<T> source, TableRefresh refresh = TableRefresh.AtStart)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new StaticTable<T>(source, refresh);
    }

    /// <summary>The rows of the last load, loading them on first use.</summary>
    public IReadOnlyList<T> Rows
    {
        get
        {
            lock (_lock)
            {
                if (_rows is null) LoadLocked();
                return _rows!;
            }
        }
    }

    /// <summary>
    /// The rows a batch joins with: loaded on first use and, under <see cref="TableRefresh.WhenChanged"/>, read again
    /// when the source changed. <paramref name="version"/> changes exactly when the rows did, so an index over them is
    /// rebuilt only then.
    /// </summary>
    public T[] RowsForBatch(out long version)
    {
        lock (_lock)
        {
            if (_rows is null)
            {
                LoadLocked();
            }
            else if (Refresh == TableRefresh.WhenChanged)
            {
                string? token = _source.ChangeToken();
                if (token is null || token != _token) LoadLocked(token);
            }
            version = _version;
            return _rows!;
        }
    }

    private void LoadLocked() => LoadLocked(Refresh == TableRefresh.WhenChanged ? _source.ChangeToken() : null);

    private void LoadLocked(string? token)
    {
        IReadOnlyList<T> loaded;
        try
        {
            loaded = _source.Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Static table '{_source.Description}' could not be read: {e.Message}", e);
        }
        var rows = new T[loaded.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = loaded[i];
        _rows = rows;
        _token = token;
        _version++;
    }

    /// <inheritdoc />
    public override string ToString() => "StaticTable(" + _source.Description + ")";
}
