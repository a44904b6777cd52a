namespace Compiled;

/// <summary>What happens to a row whose event time is at or behind its input's watermark.</summary>
public enum LateRows
{
    /// <summary>Dropped before any stateful operator and counted in progress (<c>numRowsDroppedByWatermark</c>), as Spark does.</summary>
    Drop,

    /// <summary>Written, with the batch id, to a late-row sink of the input's row type: a parameter of the generated <c>Start</c>.</summary>
    ToSink,
}
