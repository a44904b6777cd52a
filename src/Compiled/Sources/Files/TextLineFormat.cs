using System.Text;
using Compiled.Batches;

namespace Compiled.Sources.Files;

/// <summary>Each line of a UTF-8 text file is one row; line breaks are <c>\n</c>, <c>\r\n</c> or <c>\r</c>.</summary>
/// <remarks>Every line is a valid row, so this format never reports bad records. The only allocation per
/// row is the row's string itself.</remarks>
internal sealed class TextLineFormat : IFileFormat<string>
{
    /// <summary>Read buffer size; large enough that sequential reads are few.</summary>
    internal const int BufferSize = 1 << 16;

    /// <summary>The shared instance; the format holds no state.</summary>
    public static readonly TextLineFormat Instance = new();

    /// <inheritdoc />
    public string Name => "text";

    /// <inheritdoc />
    public void ReadFile(string filePath, RowBuffer<string> rows, BadRecordHandler badRecords)
    {
        using var reader = OpenText(filePath);
        string? line;
        while ((line = reader.ReadLine()) is not null) rows.Add(line);
    }

    /// <summary>Opens <paramref name="filePath"/> as UTF-8 (honouring a byte order mark) for one sequential pass.</summary>
    internal static StreamReader OpenText(string filePath)
    {
        var stream = new FileStream(filePath, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
    }
}
