using Compiled.Plans;
using Compiled.Sinks;
using Compiled.Sources;

namespace Compiled;

/// <summary>
/// TEMPORARY stand-in so generated <c>Start</c> methods compile on the generator branch; the engine branch owns the
/// real class and this file is dropped when the branches merge.
/// </summary>
public sealed class StreamingQuery
{
    private StreamingQuery()
    {
    }

    /// <summary>Starts a compiled plan (not available on this branch).</summary>
    public static StreamingQuery Start<TOut>(IQueryPlan<TOut> plan, IReadOnlyList<ISource> sources, ISink<TOut> sink, QueryOptions? options) =>
        throw new NotImplementedException("The micro-batch engine is not part of the generator branch.");
}
