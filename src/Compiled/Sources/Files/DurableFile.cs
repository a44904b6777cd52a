using System.Text;

namespace Compiled.Sources.Files;

/// <summary>
/// Writes small metadata files so that a reader sees either the old content or the whole new content:
/// write a temporary file beside the target, fsync it, then rename it over the target.
/// </summary>
/// <remarks>Shared by the file source's batch log and the file sink's manifest; both rely on a crash never
/// leaving a half-written entry that recovery would misread.</remarks>
internal static class DurableFile
{
    /// <summary>Prefix of temporary files; readers of a directory skip names starting with it.</summary>
    internal const string TempPrefix = ".";

    /// <summary>Suffix of temporary files.</summary>
    internal const string TempSuffix = ".tmp";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            var bytes = Utf8NoBom.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        });

    /// <summary>Atomically replaces <paramref name="path"/> with what <paramref name="write"/> puts in the stream.</summary>
    public static void Write(string path, Action<FileStream> write)
    {
        string temp = TempPathFor(path);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The temporary name used while <paramref name="path"/> is being written.</summary>
    public static string TempPathFor(string path)
    {
        string directory = Path.GetDirectoryName(path) ?? ".";
        return Path.Combine(directory, TempPrefix + Path.GetFileName(path) + TempSuffix);
    }
}
