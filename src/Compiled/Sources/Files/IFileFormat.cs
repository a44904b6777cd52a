using Compiled.Batches;

namespace Compiled.Sources.Files;

/// <summary>Turns one input file into rows; one implementation per format (text, JSON lines, CSV).</summary>
internal interface IFileFormat<T>
{
    /// <summary>Short format name for descriptions, e.g. <c>json</c>.</summary>
    string Name { get; }

    /// <summary>Appends the rows of <paramref name="filePath"/> to <paramref name="rows"/>, handing unreadable records to <paramref name="badRecords"/>.</summary>
    void ReadFile(string filePath, RowBuffer<T> rows, BadRecordHandler badRecords);
}
