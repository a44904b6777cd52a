using Compiled.Plans;

namespace Compiled.Sources;

/// <summary>
/// A replayable input. The engine asks for the next end offset, logs the range durably, then asks
/// the source to read exactly that range, possibly again after a restart.
/// </summary>
/// <remarks>All calls come from the query's batch thread, in this order: Open, then per batch
/// LatestOffset, Read, Commit; Dispose at the end.</remarks>
public interface ISource : IDisposable
{
    /// <summary>Short description for progress reports, e.g. <c>FileSource[/data/in]</c>.</summary>
    string Description { get; }

    /// <summary>Prepares the source; <paramref name="context"/> gives its private checkpoint directory.</summary>
    void Open(SourceContext context);

    /// <summary>
    /// The end offset of the next batch starting at <paramref name="start"/> (null = from the beginning),
    /// within <paramref name="limit"/>; returns <paramref name="start"/> (or null) when there is nothing new.
    /// </summary>
    SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit);

    /// <summary>
    /// Called once before the first batch under the available-now and once triggers: remember what is
    /// present now and never return an end offset beyond it.
    /// </summary>
    void PrepareForAvailableNow();

    /// <summary>Reads the rows in (start, end] into input slot <paramref name="slot"/> of <paramref name="inputs"/>; returns the row count.</summary>
    long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot);

    /// <summary>Everything up to <paramref name="end"/> is committed: the source may clean up (cleanSource, purge logs).</summary>
    void Commit(SourceOffset end);
}

/// <summary>A source of rows of type <typeparamref name="T"/>; typed so a generated <c>Start</c> can check its arguments.</summary>
public interface ISource<T> : ISource
{
}
