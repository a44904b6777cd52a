using System.Text;
using System.Text.Json;

namespace Compiled.IO;

/// <summary>
/// Reads the small metadata files of the file source's log and the file sink's manifests: a format version
/// line, then one JSON object per line, blank lines ignored.
/// </summary>
internal static class VersionedJsonLines
{
    /// <summary>
    /// Checks the version line of <paramref name="path"/> and passes each object line, with its 1-based line number,
    /// to <paramref name="readObject"/>. Malformed JSON, or a missing or mistyped property that
    /// <paramref name="readObject"/> asks for, becomes <paramref name="corrupt"/>(line, detail).
    /// </summary>
    /// <returns>The number of the last line (1 when only the version line is present).</returns>
    public static int Read(string path, string version, Func<int, string, InvalidDataException> corrupt, Action<JsonElement, int> readObject)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        int lineNumber = 1;
        string? first = reader.ReadLine();
        if (first is null) throw corrupt(lineNumber, "empty file");
        if (first != version) throw corrupt(lineNumber, $"expected '{version}'");
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                readObject(document.RootElement, lineNumber);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw corrupt(lineNumber, e.Message);
            }
        }
        return lineNumber;
    }
}
