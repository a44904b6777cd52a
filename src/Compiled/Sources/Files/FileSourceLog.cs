using System.Globalization;
using System.Text;
using System.Text.Json;
using Compiled.IO;

namespace Compiled.Sources.Files;

/// <summary>
/// The file source's durable log in its checkpoint directory: one file per planned batch
/// (<c>&lt;index&gt;</c>, the files of that batch) and a <c>compact</c> file that folds in committed entries
/// so old entries can be deleted without forgetting which files were already read.
/// </summary>
/// <remarks>
/// Format of both kinds: a <c>v1</c> line, for <c>compact</c> a header object, then one JSON object per file.
/// Every write goes through <see cref="DurableFile"/>, so recovery sees whole entries or none.
/// </remarks>
internal sealed class FileSourceLog
{
    private const string Version = "v1";
    /// <summary>Name of the file that folds committed entries together.</summary>
    internal const string CompactName = "compact";

    private readonly string _directory;

    /// <summary>Opens (creating if needed) the log in <paramref name="directory"/>.</summary>
    public FileSourceLog(string directory)
    {
        _directory = directory;
        DurableFile.CreateDirectory(directory);
        DurableFile.DeleteLeftovers(directory);
    }

    /// <summary>What a restart recovers.</summary>
    /// <param name="CompactedThrough">Last index folded into <c>compact</c>, or -1.</param>
    /// <param name="LatestModifiedMs">Newest modification time of any file ever planned, or <see cref="long.MinValue"/>.</param>
    /// <param name="CompactedFiles">Files remembered by <c>compact</c>.</param>
    /// <param name="Entries">Entries after <paramref name="CompactedThrough"/>, by index.</param>
    public sealed record State(long CompactedThrough, long LatestModifiedMs, IReadOnlyList<SourceFile> CompactedFiles, SortedDictionary<long, SourceFile[]> Entries);

    /// <summary>Reads the compact file and every entry after it; deletes entries it already covers.</summary>
    public State Load()
    {
        long compactedThrough = LogOffset.BeforeFirst;
        long latest = long.MinValue;
        var compacted = new List<SourceFile>();
        string compactPath = Path.Combine(_directory, CompactName);
        if (File.Exists(compactPath))
            (compactedThrough, latest) = ReadFiles(compactPath, compacted, expectHeader: true);

        var entries = new SortedDictionary<long, SourceFile[]>();
        foreach (string path in Directory.EnumerateFiles(_directory))
        {
            if (!long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out long index)) continue;
            // A crash between writing compact and deleting the entries it covers leaves them behind.
            if (index <= compactedThrough) { File.Delete(path); continue; }
            var files = new List<SourceFile>();
            ReadFiles(path, files, expectHeader: false);
            entries.Add(index, files.ToArray());
        }
        return new State(compactedThrough, latest, compacted, entries);
    }

    /// <summary>Durably writes entry <paramref name="index"/>.</summary>
    public void WriteEntry(long index, IReadOnlyList<SourceFile> files) =>
        DurableFile.WriteAllText(EntryPath(index), Serialize(null, files));

    /// <summary>Reads entry <paramref name="index"/>, or null when it does not exist.</summary>
    public SourceFile[]? ReadEntry(long index)
    {
        string path = EntryPath(index);
        if (!File.Exists(path)) return null;
        var files = new List<SourceFile>();
        ReadFiles(path, files, expectHeader: false);
        return files.ToArray();
    }

    /// <summary>Durably replaces <c>compact</c>, then deletes the entries up to <paramref name="compactedThrough"/>.</summary>
    public void Compact(long compactedThrough, long latestModifiedMs, IReadOnlyList<SourceFile> files)
    {
        string header = "{\"compactedThrough\":" + compactedThrough.ToString(CultureInfo.InvariantCulture)
            + ",\"latestModifiedMs\":" + latestModifiedMs.ToString(CultureInfo.InvariantCulture) + "}";
        DurableFile.WriteAllText(Path.Combine(_directory, CompactName), Serialize(header, files));
        foreach (string path in Directory.EnumerateFiles(_directory))
        {
            if (long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out long index) && index <= compactedThrough)
                File.Delete(path);
        }
    }

    private string EntryPath(long index) => Path.Combine(_directory, index.ToString(CultureInfo.InvariantCulture));

    private static string Serialize(string? header, IReadOnlyList<SourceFile> files)
    {
        var text = new StringBuilder(64 + files.Count * 80);
        text.Append(Version).Append('\n');
        if (header is not null) text.Append(header).Append('\n');
        foreach (var file in files)
        {
            text.Append("{\"name\":").Append(JsonSerializer.Serialize(file.Name))
                .Append(",\"size\":").Append(file.Size.ToString(CultureInfo.InvariantCulture))
                .Append(",\"modifiedMs\":").Append(file.ModifiedMs.ToString(CultureInfo.InvariantCulture))
                .Append("}\n");
        }
        return text.ToString();
    }

    private static (long CompactedThrough, long LatestModifiedMs) ReadFiles(string path, List<SourceFile> files, bool expectHeader)
    {
        (long, long) header = (LogOffset.BeforeFirst, long.MinValue);
        int lineNumber = VersionedJsonLines.Read(path, Version, (line, detail) => Corrupt(path, line, detail), (root, line) =>
        {
            if (expectHeader && line == 2)
            {
                header = (root.GetProperty("compactedThrough").GetInt64(), root.GetProperty("latestModifiedMs").GetInt64());
                return;
            }
            files.Add(new SourceFile(root.GetProperty("name").GetString() ?? throw Corrupt(path, line, "null name"),
                root.GetProperty("size").GetInt64(), root.GetProperty("modifiedMs").GetInt64()));
        });
        if (expectHeader && lineNumber < 2) throw Corrupt(path, lineNumber, "missing header line");
        return header;
    }

    private static InvalidDataException Corrupt(string path, int line, string detail) =>
        new($"File source log '{path}' is corrupt at line {line}: {detail}. The checkpoint cannot be used to resume this source.");
}
