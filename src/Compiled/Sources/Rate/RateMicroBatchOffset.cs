using System.Globalization;

namespace Compiled.Sources.Rate;

/// <summary>
/// A position of the rate-micro-batch source: rows produced so far and the timestamp (Unix ms) of the
/// rows of the batch that starts here, stored as <c>{"offset":N,"timestamp":T}</c> like Spark's
/// <c>RatePerMicroBatchStreamOffset</c>.
/// </summary>
internal readonly record struct RateMicroBatchOffset(long Offset, long TimestampMs)
{
    public SourceOffset ToSourceOffset() => new(string.Create(CultureInfo.InvariantCulture,
        $"{{\"offset\":{Offset},\"timestamp\":{TimestampMs}}}"));

    /// <summary>Parses <paramref name="offset"/>, or returns the position before the first row for null.</summary>
    public static RateMicroBatchOffset Parse(SourceOffset? offset, long startTimestampMs)
    {
        if (offset is null) return new RateMicroBatchOffset(0, startTimestampMs);
        if (OffsetJson.TryRead(offset, "offset", out long count, "timestamp", out long ms) && count >= 0)
            return new RateMicroBatchOffset(count, ms);
        throw new FormatException(
            $"Rate-micro-batch source: offset '{offset.Json}' is not a rate-micro-batch offset; expected {{\"offset\":N,\"timestamp\":T}} with N >= 0. " +
            "Was the checkpoint written by a query with a different source?");
    }
}
