using System.Globalization;
using System.Text;
using System.Text.Json;
using Compiled.IO;

namespace Compiled.Sources.Rate;

/// <summary>
/// The rate source's start time, kept in its checkpoint directory (as Spark keeps it in the source's
/// metadata log) so that a restarted query derives the same timestamps and continues the sequence.
/// </summary>
internal static class RateStartTime
{
    /// <summary>File name under the source's checkpoint directory.</summary>
    public const string FileName = "rate-start-time.json";

    private const int FormatVersion = 1;

    /// <summary>Reads the stored start time, or stores <paramref name="nowMs"/> durably on the first run.</summary>
    public static long LoadOrCreate(string checkpointDirectory, long nowMs)
    {
        DurableFile.CreateDirectory(checkpointDirectory);
        DurableFile.DeleteLeftovers(checkpointDirectory);
        string path = Path.Combine(checkpointDirectory, FileName);
        if (File.Exists(path)) return Read(path);

        // A crash leaves either no file or a complete one, never a torn one.
        DurableFile.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
            $"{{\"version\":{FormatVersion},\"startTimeMs\":{nowMs}}}"));
        return nowMs;
    }

    private static long Read(string path)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("version", out var version) && version.TryGetInt32(out int v)
                && root.TryGetProperty("startTimeMs", out var start) && start.TryGetInt64(out long ms))
            {
                if (v != FormatVersion)
                    throw new InvalidDataException(
                        $"Rate source: '{path}' has format version {v}; this version of Compiled reads version {FormatVersion}.");
                return ms;
            }
        }
        catch (JsonException)
        {
            // Reported below with the path.
        }
        throw new InvalidDataException(
            $"Rate source: '{path}' is not a rate start-time file (expected {{\"version\":1,\"startTimeMs\":N}}). " +
            "Restore it or delete the checkpoint to start over.");
    }
}
