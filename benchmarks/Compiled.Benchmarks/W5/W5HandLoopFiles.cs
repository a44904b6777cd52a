using System.Text.Json;
using Compiled.Benchmarks.Baselines.W3;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5's reference over the files: read each file's bytes, find each record's <c>Text</c> with a
/// <see cref="Utf8JsonReader"/>, unescape it into a reused buffer and count its words in a
/// <see cref="LowercaseWordTable"/>; no string per line or word. No checkpoint, no sink.
/// </summary>
internal sealed class W5HandLoopFiles(W5Input input) : Variant("Hand-written loop, JSON-lines files")
{
    private string[] _files = [];
    private LowercaseWordTable _table = new();

    /// <inheritdoc/>
    public override void Prepare() => _files = input.Files();

    /// <inheritdoc/>
    public override long Run()
    {
        var table = new LowercaseWordTable();
        char[] text = new char[256];
        foreach (string file in _files)
        {
            ReadOnlySpan<byte> rest = File.ReadAllBytes(file);
            while (!rest.IsEmpty)
            {
                int end = rest.IndexOf((byte)'\n');
                ReadOnlySpan<byte> record = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (!record.IsEmpty) CountRecord(record, table, ref text);
            }
        }
        _table = table;
        return table.Count;
    }

    /// <summary>Counts the words of one <c>{"Text":"…"}</c> record.</summary>
    public static void CountRecord(ReadOnlySpan<byte> record, LowercaseWordTable table, ref char[] text)
    {
        var reader = new Utf8JsonReader(record);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("Text"u8)) continue;
            reader.Read();
            int length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (text.Length < length) text = new char[length * 2];
            int chars = reader.CopyString(text);
            table.AddWords(text.AsSpan(0, chars));
            return;
        }
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _table.Checksum();
}
