using Compiled.Plans;

namespace Compiled.Testing;

/// <summary>Rows added to one input of a <see cref="QueryTestDriver{TOut}"/> since its last batch.</summary>
internal abstract class PendingRows
{
    /// <summary>The rows' type.</summary>
    internal abstract Type RowType { get; }

    /// <summary>How many rows wait.</summary>
    internal abstract int Count { get; }

    /// <summary>A collector for this input's late rows, which have the input's row type.</summary>
    internal abstract LateRowCollector CreateLateCollector();

    /// <summary>Hands the rows to input <paramref name="input"/> of the batch and starts a new list.</summary>
    internal abstract void LendTo(BatchInputs inputs, int input);
}

/// <summary>The rows of one input, typed.</summary>
internal sealed class PendingRows<T> : PendingRows
{
    private List<T> _rows = [];

    internal override Type RowType => typeof(T);

    internal override int Count => _rows.Count;

    internal void Add(ReadOnlySpan<T> rows) => _rows.AddRange(rows);

    internal override LateRowCollector CreateLateCollector() => new LateRowCollector<T>();

    internal override void LendTo(BatchInputs inputs, int input)
    {
        // The batch keeps reading the array until it ends; new rows go to a new list.
        inputs.Lend<T>(input, _rows.ToArray());
        _rows = [];
    }
}
