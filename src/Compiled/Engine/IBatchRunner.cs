using Compiled.Plans;
using Compiled.Sinks;

namespace Compiled.Engine;

/// <summary>The typed part of a query (plan and sinks) behind an untyped face, so the engine itself is not generic.</summary>
internal interface IBatchRunner : IDisposable
{
    /// <summary>The sink's description.</summary>
    string SinkDescription { get; }

    /// <summary>The plan's <see cref="IQueryPlan{TOut}.EventTimeDeadlineMs"/>.</summary>
    long EventTimeDeadlineMs { get; }

    /// <summary>The plan's <see cref="IQueryPlan{TOut}.ProcessingTimeDeadlineMs"/>.</summary>
    long ProcessingTimeDeadlineMs { get; }

    /// <summary>The plan's <see cref="IQueryPlan{TOut}.WantsBatchEveryTrigger"/>.</summary>
    bool WantsBatchEveryTrigger { get; }

    /// <summary>
    /// Opens the sinks (the query's and the late-row sinks, whose private directories <paramref name="lateSinkDirectory"/>
    /// gives per input) and the plan (creating its state stores), and connects the late-row buffers to <paramref name="batch"/>.
    /// </summary>
    void Open(PlanContext planContext, SinkContext sinkContext, BatchContext batch, Func<int, string> lateSinkDirectory);

    /// <summary>Runs the plan over <paramref name="inputs"/>, keeping its output (and late rows) for <see cref="Deliver"/>.</summary>
    void Run(BatchInputs inputs, BatchContext batch);

    /// <summary>Hands the output of the last <see cref="Run"/> to the sinks; returns the output row count.</summary>
    long Deliver(BatchContext batch);
}
