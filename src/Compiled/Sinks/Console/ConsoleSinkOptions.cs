namespace Compiled.Sinks;

/// <summary>Options of <see cref="Sink.Console{T}"/> (Spark's <c>console</c> sink).</summary>
public sealed record ConsoleSinkOptions
{
    /// <summary>Rows shown per batch; further rows are counted in an "only showing top N rows" line. Default 20, as in Spark.</summary>
    public int NumRows { get; init; } = 20;

    /// <summary>
    /// True (default): cells longer than 20 characters are cut to 17 plus "..." and cells are right-aligned.
    /// False: cells are shown whole and left-aligned. As Spark's <c>truncate</c> option.
    /// </summary>
    public bool Truncate { get; init; } = true;

    /// <summary>
    /// How a null cell is shown: <c>NULL</c> (default), as Spark 3.5's <c>show</c> prints it; <c>null</c> gives the output of
    /// earlier Spark versions. Nulls nested in a collection or a record cell always show as <c>NULL</c>.
    /// </summary>
    public string NullText { get; init; } = "NULL";

    /// <summary>Where the tables go; null (default) writes to <see cref="System.Console.Out"/> as it is when each batch is printed.</summary>
    public TextWriter? Output { get; init; }
}
