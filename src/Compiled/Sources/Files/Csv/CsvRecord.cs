namespace Compiled.Sources.Files.Csv;

/// <summary>The fields of the CSV record just read, unescaped, in one reusable character buffer.</summary>
/// <remarks>Reused for every record of a file, so a row mapper copies out what it keeps.</remarks>
internal sealed class CsvRecord
{
    private const int InitialFieldCount = 16;
    private const int InitialCharCount = 256;

    private char[] _chars = new char[InitialCharCount];
    private int _charCount;
    private Field[] _fields = new Field[InitialFieldCount];
    private int _fieldCount;

    private struct Field
    {
        public int Start;
        public int Length;
        public bool Quoted;
    }

    /// <summary>Number of fields.</summary>
    public int FieldCount => _fieldCount;

    /// <summary>The text of field <paramref name="index"/>, unescaped.</summary>
    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_fields[index].Start, _fields[index].Length);

    /// <summary>True when field <paramref name="index"/> was written in quotes (so an empty one is an empty string, not a null).</summary>
    public bool IsQuoted(int index) => _fields[index].Quoted;

    /// <summary>Empties the record.</summary>
    public void Clear()
    {
        _charCount = 0;
        _fieldCount = 0;
    }

    /// <summary>Starts a new field at the current end of the buffer.</summary>
    public void BeginField()
    {
        if (_fieldCount == _fields.Length) Array.Resize(ref _fields, _fields.Length * 2);
        _fields[_fieldCount] = new Field { Start = _charCount };
    }

    /// <summary>Appends characters to the field being read.</summary>
    public void Append(ReadOnlySpan<char> chars)
    {
        if (_charCount + chars.Length > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + chars.Length));
        chars.CopyTo(_chars.AsSpan(_charCount));
        _charCount += chars.Length;
    }

    /// <summary>Appends one character to the field being read.</summary>
    public void Append(char c)
    {
        if (_charCount == _chars.Length) Array.Resize(ref _chars, _chars.Length * 2);
        _chars[_charCount++] = c;
    }

    /// <summary>Ends the field being read.</summary>
    public void EndField(bool quoted)
    {
        ref var field = ref _fields[_fieldCount++];
        field.Length = _charCount - field.Start;
        field.Quoted = quoted;
    }
}
