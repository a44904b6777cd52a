using System.Globalization;
using System.Text;
using Compiled.Batches;
using Compiled.Sources.Files;

namespace Compiled.Joins;

/// <summary>Rows of one file, or of every visible file of a directory, in one of the file source's formats.</summary>
/// <remarks>A bad record fails the load with the file and line at fault: a join with half a table would be silently wrong.</remarks>
internal sealed class FileTableSource<T> : IStaticTableSource<T>
{
    private readonly string _path;
    private readonly IFileFormat<T> _format;

    public FileTableSource(string path, IFileFormat<T> format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
        _format = format;
    }

    public string Description => _path + " (" + _format.Name + ")";

    public IReadOnlyList<T> Load()
    {
        using var rows = new RowBuffer<T>(256);
        using var badRecords = BadRecordHandler.Failing();
        foreach (string file in Files()) _format.ReadFile(file, rows, badRecords);
        return rows.Span.ToArray();
    }

    public string? ChangeToken()
    {
        var token = new StringBuilder();
        foreach (string file in Files())
        {
            var info = new FileInfo(file);
            token.Append(file).Append('|').Append(info.Length.ToString(CultureInfo.InvariantCulture))
                .Append('|').Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return token.ToString();
    }

    private string[] Files()
    {
        if (File.Exists(_path)) return [_path];
        if (!Directory.Exists(_path))
            throw new FileNotFoundException($"Static table file or directory '{_path}' does not exist; pass the path of a {_format.Name} file or of a directory of them.", _path);
        var files = Directory.GetFiles(_path).Where(f => Path.GetFileName(f) is not ['.' or '_', ..]).ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
