using Compiled.Plans;
using Compiled.Sinks;

namespace Compiled.Engine;

/// <summary>The typed part of a query (plan and sink) behind an untyped face, so the engine itself is not generic.</summary>
internal interface IBatchRunner : IDisposable
{
    /// <summary>The sink's description.</summary>
    string SinkDescription { get; }

    /// <summary>Opens the plan (creating its state stores) and the sink.</summary>
    void Open(PlanContext planContext, SinkContext sinkContext);

    /// <summary>Runs the plan over <paramref name="inputs"/> and hands the output to the sink; returns the output row count.</summary>
    long Execute(BatchInputs inputs, BatchContext batch);
}
