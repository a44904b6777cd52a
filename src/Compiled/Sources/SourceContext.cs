using Microsoft.Extensions.Logging;

namespace Compiled.Sources;

/// <summary>What a source receives when the query opens it.</summary>
/// <param name="QueryName">The query's name, for error messages.</param>
/// <param name="SourceIndex">The source's position among the query's inputs.</param>
/// <param name="CheckpointDirectory">A directory private to this source under <c>sources/&lt;index&gt;</c>, for logs such as the files already read.</param>
/// <param name="Clock">The query's clock.</param>
/// <param name="Logger">Logger for the query.</param>
public sealed record SourceContext(string QueryName, int SourceIndex, string CheckpointDirectory, IClock Clock, ILogger Logger)
{
    /// <summary>
    /// Call when new data may have arrived (from any thread): a query on the default trigger that is idle then plans its
    /// next batch at once instead of at its next poll (up to 100 ms later). Sources that cannot tell need not call it.
    /// </summary>
    public Action DataAvailable { get; init; } = static () => { };
}
