using System.Globalization;

namespace Compiled.Sources.Rate;

/// <summary>
/// A position of the rate source: whole seconds since its start time and the number of rows produced
/// by then, stored as <c>{"second":S,"value":V}</c>.
/// </summary>
/// <remarks>
/// The value is stored rather than recomputed from the second so that changing <c>RowsPerSecond</c>
/// between runs continues the sequence instead of repeating or skipping values.
/// </remarks>
internal readonly record struct RateOffset(long Second, long Value)
{
    /// <summary>The position before the first row.</summary>
    public static RateOffset Initial => default;

    public SourceOffset ToSourceOffset() => new(string.Create(CultureInfo.InvariantCulture,
        $"{{\"second\":{Second},\"value\":{Value}}}"));

    /// <summary>Parses <paramref name="offset"/>, or returns <see cref="Initial"/> for null.</summary>
    public static RateOffset Parse(SourceOffset? offset)
    {
        if (offset is null) return Initial;
        if (OffsetJson.TryRead(offset, "second", out long s, "value", out long v) && s >= 0 && v >= 0)
            return new RateOffset(s, v);
        throw new FormatException(
            $"Rate source: offset '{offset.Json}' is not a rate offset; expected {{\"second\":S,\"value\":V}} with S, V >= 0. " +
            "Was the checkpoint written by a query with a different source?");
    }
}
