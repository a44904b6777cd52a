using System.Text.Json;
using Compiled.Benchmarks.Baselines.W3;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W3's word count over <c>{"Text":"…"}</c> records: finds <c>Text</c> with a <see cref="Utf8JsonReader"/>, unescapes it
/// into a reused buffer and counts its words in a <see cref="LowercaseWordTable"/>; no string per line or word.
/// </summary>
internal sealed class W5WordCountAggregate : IW5Aggregate
{
    private readonly LowercaseWordTable _table = new();
    private char[] _text = new char[256];

    /// <inheritdoc/>
    public int Count => _table.Count;

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("Text"u8)) continue;
            reader.Read();
            int length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (_text.Length < length) _text = new char[length * 2];
            int chars = reader.CopyString(_text);
            _table.AddWords(_text.AsSpan(0, chars));
            return;
        }
    }

    /// <inheritdoc/>
    public Checksum Checksum() => _table.Checksum();
}
