using Compiled.Batches;
using Compiled.Plans;
using Compiled.Sinks;

namespace Compiled.Engine;

/// <summary>Runs an <see cref="IQueryPlan{TOut}"/> and writes its output to an <see cref="ISink{T}"/>, and late rows to their sinks.</summary>
internal sealed class BatchRunner<TOut> : IBatchRunner
{
    private readonly IQueryPlan<TOut> _plan;
    private readonly ISink<TOut> _sink;
    private readonly IReadOnlyList<LateRowSink?> _lateSinks;
    private RowBuffer<TOut>? _output;

    internal BatchRunner(IQueryPlan<TOut> plan, ISink<TOut> sink, IReadOnlyList<LateRowSink?> lateSinks)
    {
        _plan = plan;
        _sink = sink;
        _lateSinks = lateSinks;
    }

    /// <inheritdoc />
    public string SinkDescription => _sink.Description;

    /// <inheritdoc />
    public long EventTimeDeadlineMs => _plan.EventTimeDeadlineMs;

    /// <inheritdoc />
    public long ProcessingTimeDeadlineMs => _plan.ProcessingTimeDeadlineMs;

    /// <inheritdoc />
    public bool WantsBatchEveryTrigger => _plan.WantsBatchEveryTrigger;

    /// <inheritdoc />
    public void Open(PlanContext planContext, SinkContext sinkContext, BatchContext batch, Func<int, string> lateSinkDirectory)
    {
        _sink.Open(sinkContext);
        var lateBuffers = new object?[_lateSinks.Count];
        for (int i = 0; i < _lateSinks.Count; i++)
        {
            if (_lateSinks[i] is not { } late) continue;
            late.Open(sinkContext with { OutputMode = OutputMode.Append, CheckpointDirectory = lateSinkDirectory(i) });
            lateBuffers[i] = late.Buffer;
        }
        batch.Configure(_plan.Info.OutputMode != OutputMode.Complete, lateBuffers);
        _plan.Open(planContext);
        _output = BatchPool.Rent<TOut>();
    }

    /// <inheritdoc />
    public void Run(BatchInputs inputs, BatchContext batch)
    {
        var output = _output ?? throw new InvalidOperationException("The batch runner was not opened.");
        output.Clear();
        _plan.Execute(inputs, output, batch);
    }

    /// <inheritdoc />
    public long Deliver(BatchContext batch)
    {
        var output = _output ?? throw new InvalidOperationException("The batch runner was not opened.");
        foreach (LateRowSink? late in _lateSinks) late?.Flush(batch.BatchId);
        _sink.AddBatch(batch.BatchId, output.Span);
        return output.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _output?.Dispose();
        _output = null;
        foreach (LateRowSink? late in _lateSinks) late?.Dispose();
        _sink.Dispose();
    }
}
