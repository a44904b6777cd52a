namespace Compiled.Joins;

/// <summary>Rows held in memory: they never change, so the table never reloads.</summary>
internal sealed class CollectionTableSource<T>(T[] rows) : IStaticTableSource<T>
{
    public string Description => "rows in memory (" + rows.Length + ")";

    public IReadOnlyList<T> Load() => rows;

    public string? ChangeToken() => string.Empty;
}
