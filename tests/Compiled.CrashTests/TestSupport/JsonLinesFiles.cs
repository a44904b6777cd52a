using System.Text.Json;

namespace Compiled.CrashTests.TestSupport;

/// <summary>Writes a host's input files so that a file source with one file per trigger reads file N in batch N.</summary>
public static class JsonLinesFiles
{
    /// <summary>
    /// Writes <paramref name="files"/> into <paramref name="directory"/> as <c>&lt;prefix&gt;-NN.jsonl</c>, each under a
    /// hidden name first so it appears whole, with increasing modification times.
    /// </summary>
    public static void Write<T>(string directory, string prefix, IReadOnlyList<T[]> files)
    {
        Directory.CreateDirectory(directory);
        DateTime first = DateTime.UtcNow.AddHours(-1);
        for (int f = 0; f < files.Count; f++)
        {
            string name = $"{prefix}-{f:D2}.jsonl";
            string hidden = Path.Combine(directory, "." + name);
            File.WriteAllLines(hidden, files[f].Select(row => JsonSerializer.Serialize(row)));
            File.SetLastWriteTimeUtc(hidden, first.AddSeconds(f));
            File.Move(hidden, Path.Combine(directory, name));
        }
    }
}
