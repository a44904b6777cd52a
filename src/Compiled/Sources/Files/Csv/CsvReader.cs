using System.Buffers;
using System.Globalization;

namespace Compiled.Sources.Files.Csv;

/// <summary>
/// Splits CSV text into records per RFC 4180: comma-separated fields, records ending at <c>\r\n</c>,
/// <c>\n</c> or <c>\r</c>; a field in double quotes may hold commas, line breaks and quotes written as <c>""</c>.
/// </summary>
/// <remarks>
/// A record is kept contiguous in one growable character buffer so its raw text can be handed to the bad
/// record policy. Blank lines are skipped. A malformed record (unterminated quotes, text after a closing
/// quote) sets <see cref="Error"/> and reading resumes at the next line, so one bad record does not hide the
/// rest of the file. A quote inside an unquoted field is kept as text, as most writers produce it.
/// </remarks>
internal sealed class CsvReader : IDisposable
{
    private const int InitialBufferSize = 1 << 16;
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\n");
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    private readonly TextReader _reader;
    private char[] _buffer = ArrayPool<char>.Shared.Rent(InitialBufferSize);
    private int _pos;
    private int _len;
    private int _recordStart;
    private int _recordEnd;
    private bool _endOfFile;
    private long _line = 1;

    /// <summary>Reads from <paramref name="reader"/>, which the caller disposes.</summary>
    public CsvReader(TextReader reader) => _reader = reader;

    /// <summary>The fields of the record last read.</summary>
    public CsvRecord Record { get; } = new();

    /// <summary>1-based line on which the record last read starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Why the record last read is malformed, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The raw text of the record last read, without its line break; valid until the next read.</summary>
    public ReadOnlySpan<char> RawRecord => _buffer.AsSpan(_recordStart, _recordEnd - _recordStart);

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool ReadRecord()
    {
        Record.Clear();
        Error = null;
        while (true)
        {
            _recordStart = _pos;
            if (!Available()) return false;
            char c = _buffer[_pos];
            if (c != '\r' && c != '\n') break;
            ConsumeLineBreak();
        }
        _recordStart = _pos;
        RecordLine = _line;
        while (true)
        {
            ReadField();
            if (Error is not null)
            {
                SkipToLineBreak();
                break;
            }
            if (!Available() || _buffer[_pos] != ',') break;
            _pos++;
        }
        _recordEnd = _pos;
        if (Available()) ConsumeLineBreak();
        return true;
    }

    private void ReadField()
    {
        Record.BeginField();
        if (Available() && _buffer[_pos] == '"') ReadQuotedField();
        else ReadUnquotedField();
    }

    private void ReadUnquotedField()
    {
        while (Available())
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            int stop = span.IndexOfAny(UnquotedStops);
            if (stop >= 0)
            {
                Record.Append(span[..stop]);
                _pos += stop;
                break;
            }
            Record.Append(span);
            _pos = _len;
        }
        Record.EndField(quoted: false);
    }

    private void ReadQuotedField()
    {
        long openedAt = _line;
        int fieldNumber = Record.FieldCount + 1;
        _pos++;
        while (true)
        {
            if (!Available())
            {
                Record.EndField(quoted: true);
                Error = string.Create(CultureInfo.InvariantCulture, $"unterminated quoted field {fieldNumber} (opened at line {openedAt})");
                return;
            }
            var span = _buffer.AsSpan(_pos, _len - _pos);
            int stop = span.IndexOfAny(QuotedStops);
            if (stop < 0)
            {
                Record.Append(span);
                _pos = _len;
                continue;
            }
            Record.Append(span[..(stop + (span[stop] == '\n' ? 1 : 0))]);
            _pos += stop + 1;
            if (span[stop] == '\n')
            {
                _line++;
                continue;
            }
            if (Available() && _buffer[_pos] == '"')
            {
                Record.Append('"');
                _pos++;
                continue;
            }
            break;
        }
        Record.EndField(quoted: true);
        if (Available() && _buffer[_pos] is not (',' or '\r' or '\n'))
            Error = string.Create(CultureInfo.InvariantCulture, $"unexpected character '{_buffer[_pos]}' after the closing quote of field {fieldNumber}");
    }

    private void SkipToLineBreak()
    {
        while (Available())
        {
            int stop = _buffer.AsSpan(_pos, _len - _pos).IndexOfAny(LineBreaks);
            if (stop >= 0)
            {
                _pos += stop;
                return;
            }
            _pos = _len;
        }
    }

    private void ConsumeLineBreak()
    {
        bool carriageReturn = _buffer[_pos] == '\r';
        _pos++;
        _line++;
        if (carriageReturn && Available() && _buffer[_pos] == '\n') _pos++;
    }

    /// <summary>True when a character is at <see cref="_pos"/>, reading more input if needed.</summary>
    private bool Available()
    {
        while (_pos >= _len)
        {
            if (_endOfFile) return false;
            Fill();
        }
        return true;
    }

    private void Fill()
    {
        // Keep the current record contiguous: drop what precedes it, grow when it fills the buffer.
        int shift = _recordStart;
        if (shift > 0)
        {
            _buffer.AsSpan(shift, _len - shift).CopyTo(_buffer);
            _len -= shift;
            _pos -= shift;
            _recordEnd -= shift;
            _recordStart = 0;
        }
        if (_len == _buffer.Length)
        {
            char[] bigger = ArrayPool<char>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _len).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        int read = _reader.Read(_buffer, _len, _buffer.Length - _len);
        if (read == 0) _endOfFile = true;
        else _len += read;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = [];
    }
}
