using System.Text.Json;

namespace Compiled.EndToEnd.Tests.Support;

/// <summary>
/// Writes input files for a file source: one JSON-lines file per chunk, named in order and given increasing
/// modification times (the source's order), each written under a hidden name and moved in whole.
/// </summary>
internal sealed class InputFiles
{
    private readonly string _directory;
    private readonly DateTime _firstModified = DateTime.UtcNow.AddHours(-1);
    private int _next;

    public InputFiles(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Files written so far.</summary>
    public int Count => _next;

    /// <summary>Writes one file holding <paramref name="rows"/> as JSON lines (an empty file for no rows).</summary>
    public void Add<T>(IEnumerable<T> rows)
    {
        string name = $"sales-{_next:D4}.jsonl";
        string hidden = Path.Combine(_directory, "." + name);
        File.WriteAllLines(hidden, rows.Select(r => JsonSerializer.Serialize(r)));
        File.SetLastWriteTimeUtc(hidden, _firstModified.AddSeconds(_next));
        File.Move(hidden, Path.Combine(_directory, name));
        _next++;
    }
}
