using System.Globalization;
using System.Text.Json;
using Compiled.IO;
using Compiled.Diagnostics;

namespace Compiled.CrashHost;

/// <summary>
/// The foreachBatch callback of <see cref="TotalsPlan"/>, idempotent by batch id: batch N becomes
/// <c>batch-N.jsonl</c>, written to a temporary file and renamed into place; a batch whose file exists is skipped,
/// because a replay after a crash brings the same id with the same rows.
/// </summary>
/// <remarks>Half-way through the rows it flushes the temporary file and passes <see cref="CrashPoints.SinkMidWrite"/>,
/// so a crash there leaves a torn temporary file that the replay must overwrite.</remarks>
public sealed class BatchFileWriter
{
    private const string Prefix = "batch-";
    private const string Extension = ".jsonl";

    private readonly string _directory;
    private readonly string _queryName;

    /// <summary>Writes into <paramref name="directory"/> (created if missing) for query <paramref name="queryName"/>.</summary>
    public BatchFileWriter(string directory, string queryName)
    {
        _directory = Path.GetFullPath(directory);
        _queryName = queryName;
        Directory.CreateDirectory(_directory);
    }

    /// <summary>The <see cref="Compiled.Sinks.ForeachBatchAction{T}"/>: writes batch <paramref name="batchId"/> unless already written.</summary>
    public void Write(ReadOnlySpan<KeyTotal> rows, long batchId)
    {
        string final = Path.Combine(_directory, FileName(batchId));
        if (File.Exists(final)) return;
        string temp = Path.Combine(_directory, "." + FileName(batchId) + ".tmp");
        int half = rows.Length / 2;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            WriteLines(stream, rows[..half]);
            stream.Flush(flushToDisk: true);
            CrashPoints.Hit(CrashPoints.SinkMidWrite, batchId, _queryName);
            WriteLines(stream, rows[half..]);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, final);
        DurableFile.SyncDirectory(_directory);
    }

    /// <summary>Every written batch, in batch id order; temporary files are not batches.</summary>
    public static IReadOnlyList<(long BatchId, KeyTotal[] Rows)> ReadAll(string directory)
    {
        var batches = new List<(long, KeyTotal[])>();
        foreach (string path in Directory.EnumerateFiles(directory, Prefix + "*" + Extension))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            long batchId = long.Parse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
            var rows = File.ReadLines(path)
                .Select((line, index) => JsonSerializer.Deserialize<KeyTotal>(line)
                    ?? throw new InvalidDataException($"'{path}' line {index + 1} is JSON null."))
                .ToArray();
            batches.Add((batchId, rows));
        }
        batches.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return batches;
    }

    private static string FileName(long batchId) => Prefix + batchId.ToString("D5", CultureInfo.InvariantCulture) + Extension;

    private static void WriteLines(Stream stream, ReadOnlySpan<KeyTotal> rows)
    {
        using var writer = new Utf8JsonWriter(stream);
        foreach (KeyTotal row in rows)
        {
            JsonSerializer.Serialize(writer, row);
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }
    }
}
