using System.Runtime.CompilerServices;
using Compiled.Sinks;
using Compiled.Sinks.ForeachBatch;

namespace Compiled;

public static partial class Sink
{
    /// <summary>
    /// Spark's <c>foreachBatch</c> sink: <paramref name="action"/> receives every batch's rows and id, in
    /// every output mode. A replayed batch is passed again with the same id and rows: use the id to make
    /// the writes idempotent (e.g. store the last written id with the rows, in one transaction).
    /// </summary>
    /// <param name="action">Called once per batch on the query thread; the span is valid only during the call.</param>
    /// <remarks>Preferred over the list overload when a lambda fits both: it copies nothing.</remarks>
    [OverloadResolutionPriority(1)]
    public static ISink<T> ForeachBatch<T>(ForeachBatchAction<T> action) => new ForeachBatchSink<T>(action);

    /// <summary>
    /// As <see cref="ForeachBatch{T}(ForeachBatchAction{T})"/>, for callbacks that want a list (LINQ,
    /// async hand-off, keeping the rows): each batch is copied into a new array first.
    /// </summary>
    /// <param name="action">Called once per batch with a copy of its rows and its id.</param>
    public static ISink<T> ForeachBatch<T>(Action<IReadOnlyList<T>, long> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new ForeachBatchSink<T>((rows, batchId) => action(rows.ToArray(), batchId));
    }
}
