using System.Text.Json;
using Compiled;
using Compiled.Sinks;
using WordCount;

namespace HostedWordCount;

/// <summary>The sample's sink: after every batch, the whole table (Complete mode) replaces <c>counts.json</c>.</summary>
internal static class CountsFile
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>A sink that writes <c>counts.json</c> in <paramref name="folder"/>, whole or not at all.</summary>
    public static ISink<WordFrequency> Sink(string folder)
    {
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, "counts.json");
        return Compiled.Sink.ForeachBatch<WordFrequency>((rows, batchId) =>
        {
            var table = rows.OrderByDescending(r => r.Count).ThenBy(r => r.Word, StringComparer.Ordinal).ToList();
            // A reader never sees a half-written file: write beside it, then rename over it.
            string temporary = target + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new { batchId, words = table }, s_json));
            File.Move(temporary, target, overwrite: true);
        });
    }
}
