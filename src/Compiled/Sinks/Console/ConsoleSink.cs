using System.Text;

// Not '...Sinks.Console': that namespace would shadow System.Console for all code in Compiled.Sinks.
namespace Compiled.Sinks.ConsoleTable;

/// <summary>
/// Spark's <c>console</c> sink: prints each batch as a "Batch: N" banner and a table in the layout of
/// <c>Dataset.show</c>. For debugging: every call prints, so a replayed batch is printed again.
/// </summary>
internal sealed class ConsoleSink<T> : ISink<T>
{
    private const string Rule = "-------------------------------------------";
    private const string ClearLine = "\r\u001b[K";
    private static readonly IReadOnlyCollection<OutputMode> s_modes = [OutputMode.Append, OutputMode.Update, OutputMode.Complete];

    private readonly ConsoleSinkOptions _options;
    private readonly RowLayout _layout = RowLayout.For(typeof(T));
    private readonly bool _clearStatusLine;

    public ConsoleSink(ConsoleSinkOptions options)
        : this(options, options?.Output is null && !System.Console.IsOutputRedirected)
    {
    }

    /// <param name="options">The sink's options.</param>
    /// <param name="clearStatusLine">
    /// True when the table goes to a terminal, where <see cref="ConsoleProgress"/>'s live status line may stand on the
    /// cursor's line: the table then starts by clearing it, so a table line shorter than the status never leaves the
    /// status's tail on screen.
    /// </param>
    internal ConsoleSink(ConsoleSinkOptions options, bool clearStatusLine)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NumRows < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.NumRows,
                $"Console sink: NumRows must not be negative, got {options.NumRows}.");
        _options = options;
        _clearStatusLine = clearStatusLine;
    }

    public string Description => $"ConsoleSink[numRows={_options.NumRows}, truncate={(_options.Truncate ? "true" : "false")}]";

    public IReadOnlyCollection<OutputMode> SupportedModes => s_modes;

    public void Open(SinkContext context)
    {
        // Nothing to prepare: the sink keeps no state between batches.
    }

    public void AddBatch(long batchId, ReadOnlySpan<T> rows)
    {
        var output = _options.Output ?? System.Console.Out;
        if (_clearStatusLine) output.Write(ClearLine);
        output.Write(Render(batchId, rows, output.NewLine));
        output.Flush();
    }

    /// <summary>The text printed for one batch, ending with the blank line Spark's <c>println</c> leaves.</summary>
    internal string Render(long batchId, ReadOnlySpan<T> rows, string newLine)
    {
        int shown = Math.Min(rows.Length, _options.NumRows);
        var cells = new List<string[]>(shown);
        for (int r = 0; r < shown; r++)
        {
            object? row = rows[r];
            var cell = new string[_layout.Names.Length];
            for (int c = 0; c < cell.Length; c++) cell[c] = _layout.GetValue(row, c) is { } value ? CellFormatter.Format(value) : _options.NullText;
            cells.Add(cell);
        }

        var sb = new StringBuilder();
        sb.Append(Rule).Append(newLine);
        sb.Append("Batch: ").Append(batchId).Append(newLine);
        sb.Append(Rule).Append(newLine);
        TableText.Append(sb, _layout.Names, cells, _options.NumRows, rows.Length > _options.NumRows, _options.Truncate, newLine);
        sb.Append(newLine);
        return sb.ToString();
    }

    public void Dispose()
    {
        // The writer belongs to the caller (or is Console.Out): not ours to close.
    }
}
