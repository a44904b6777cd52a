namespace Compiled.Sinks.Tables;

/// <summary>
/// A table sink could not open or write a batch: the message names the sink, the batch (when there is one) and
/// the cause, which is also the inner exception.
/// </summary>
public sealed class TableSinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TableSinkException(string message, Exception? cause = null) : base(message, cause)
    {
    }
}
