using System.Text.Json;

namespace Compiled.Sources;

/// <summary>
/// Reads the integer fields of the small JSON objects built-in sources use as offsets
/// (<c>{"lines":N}</c>, <c>{"second":S,"value":V}</c>, …).
/// </summary>
/// <remarks>
/// Only recognises the shape; each source checks the ranges and throws its own <see cref="FormatException"/>,
/// naming itself and the format it expected, because a mismatch means the checkpoint belongs to another source.
/// </remarks>
internal static class OffsetJson
{
    /// <summary>True when <paramref name="offset"/> is a JSON object whose property <paramref name="name"/> is a 64-bit integer.</summary>
    public static bool TryRead(SourceOffset offset, string name, out long value) =>
        TryRead(offset, name, out value, null, out _);

    /// <summary>True when <paramref name="offset"/> is a JSON object whose two named properties are 64-bit integers.</summary>
    public static bool TryRead(SourceOffset offset, string first, out long firstValue, string? second, out long secondValue)
    {
        firstValue = 0;
        secondValue = 0;
        try
        {
            using var document = JsonDocument.Parse(offset.Json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && TryGetInt64(root, first, out firstValue)
                && (second is null || TryGetInt64(root, second, out secondValue));
        }
        catch (JsonException)
        {
            // Not JSON at all: the caller reports it with the offending text.
            return false;
        }
    }

    // JsonElement.TryGetInt64 throws on a non-number, which would escape without naming the source.
    private static bool TryGetInt64(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
