namespace Compiled.Sources;

/// <summary>
/// A source's position, as JSON text that the source alone interprets. Stored verbatim in
/// <c>offsets/N</c>, so a replayed batch reads exactly the same range.
/// </summary>
/// <param name="Json">The serialized position, e.g. <c>{"logOffset":3}</c>.</param>
public sealed record SourceOffset(string Json)
{
    /// <inheritdoc />
    public override string ToString() => Json;
}
