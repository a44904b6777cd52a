using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compiled.Sources.Json;

/// <summary>
/// Reads one JSON object into a <typeparamref name="T"/> straight from UTF-8, exactly as System.Text.Json would, for the
/// texts it recognises. The Compiled generator derives one for each <c>[StreamingQuery]</c> input row type it can read
/// exactly and registers it in <see cref="JsonRowReaders"/>; not meant to be written by hand.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class JsonRowReader<T>
{
    /// <summary>
    /// Reads <paramref name="json"/> into <paramref name="row"/>, or returns false for any text it does not read exactly
    /// as System.Text.Json would (malformed JSON, a value of the wrong type, escaped, non-ASCII or repeated member
    /// names, a root that is not an object, ...); the caller then deserialises the same text with System.Text.Json,
    /// which gives the row or the error. May also throw for such a text; that is treated the same way.
    /// </summary>
    /// <param name="json">One complete JSON document.</param>
    /// <param name="ignoreCase">Whether member names match case-insensitively (ASCII), as <see cref="JsonSerializerOptions.PropertyNameCaseInsensitive"/>.</param>
    /// <param name="options">The options passed to members' own <c>[JsonConverter]</c>s.</param>
    /// <param name="row">The row read.</param>
    public abstract bool TryRead(ReadOnlySpan<byte> json, bool ignoreCase, JsonSerializerOptions options, out T row);

    /// <summary>
    /// True when an unmatched member name is certainly unknown to System.Text.Json too: ASCII (so no case folding or
    /// transcoding differs) and not a <c>$</c> metadata name.
    /// </summary>
    protected static bool IsPlainName(ReadOnlySpan<byte> name) => Ascii.IsValid(name) && (name.IsEmpty || name[0] != (byte)'$');

    /// <summary>
    /// Reads the current value through a member's own converter, as System.Text.Json calls it; false when the converter
    /// did not end on the value's last token (System.Text.Json rejects that).
    /// </summary>
    protected static bool TryConvert<TValue>(ref Utf8JsonReader reader, JsonConverter<TValue> converter, JsonSerializerOptions options, out TValue value)
    {
        JsonTokenType token = reader.TokenType;
        int depth = reader.CurrentDepth;
        long consumed = reader.BytesConsumed;
        value = converter.Read(ref reader, typeof(TValue), options)!;
        return token switch
        {
            JsonTokenType.StartObject => reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth,
            JsonTokenType.StartArray => reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth,
            _ => reader.BytesConsumed == consumed,
        };
    }
}
