using Compiled.Batches;

namespace Compiled.Sources.Files;

/// <summary>Each line of a UTF-8 text file is one row; line breaks are <c>\n</c>, <c>\r\n</c> or <c>\r</c>.</summary>
/// <remarks>Every line is a valid row, so this format never reports bad records. The only allocation per
/// row is the row's string itself.</remarks>
internal sealed class TextLineFormat : IFileFormat<string>
{
    /// <summary>The shared instance; the format holds no state.</summary>
    public static readonly TextLineFormat Instance = new();

    /// <inheritdoc />
    public string Name => "text";

    /// <inheritdoc />
    public void ReadFile(string filePath, RowBuffer<string> rows, BadRecordHandler badRecords)
    {
        using var reader = InputFile.OpenText(filePath);
        string? line;
        while ((line = reader.ReadLine()) is not null) rows.Add(line);
    }
}
