namespace Compiled;

/// <summary>
/// The order Min, Max and sorting use: ordinal for strings (culture-independent, so every machine agrees),
/// <see cref="Comparer{T}.Default"/> otherwise. Compiled plans order the same way.
/// </summary>
internal sealed class ReferenceOrder<T> : IComparer<T>
{
    public static ReferenceOrder<T> Instance { get; } = new();

    public int Compare(T? x, T? y) =>
        typeof(T) == typeof(string) ? string.CompareOrdinal((string?)(object?)x, (string?)(object?)y) : Comparer<T>.Default.Compare(x, y);
}
