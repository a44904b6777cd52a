using System.Globalization;

namespace Compiled.Sources.Files;

/// <summary>The file source's offset: <c>{"logOffset":N}</c>, the index of the last batch log entry included.</summary>
internal static class LogOffset
{
    /// <summary>The index before the first entry, used when the engine passes no start offset.</summary>
    public const long BeforeFirst = -1;

    private const string PropertyName = "logOffset";

    /// <summary>Formats index <paramref name="index"/> as an offset.</summary>
    public static SourceOffset Format(long index) =>
        new("{\"" + PropertyName + "\":" + index.ToString(CultureInfo.InvariantCulture) + "}");

    /// <summary>The log index of <paramref name="offset"/>, or <see cref="BeforeFirst"/> when null.</summary>
    public static long Parse(SourceOffset? offset, string description)
    {
        if (offset is null) return BeforeFirst;
        if (OffsetJson.TryRead(offset, PropertyName, out long index) && index >= 0) return index;
        throw new FormatException($"{description}: offset '{offset.Json}' is not a file source offset; expected {{\"{PropertyName}\":N}} with N >= 0.");
    }
}
