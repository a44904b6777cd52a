using System.Text;
using Compiled.Plans;
using Compiled.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Tests.Files;

/// <summary>A temporary directory with an input folder, a checkpoint folder and helpers to drive a source by hand.</summary>
internal sealed class FileTestDirectory : IDisposable
{
    private static readonly DateTime BaseTime = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public FileTestDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "compiled-files-" + Guid.NewGuid().ToString("N"));
        Input = Path.Combine(Root, "in");
        Checkpoint = Path.Combine(Root, "chk", "sources", "0");
        Directory.CreateDirectory(Input);
    }

    public string Root { get; }

    public string Input { get; }

    public string Checkpoint { get; }

    /// <summary>Writes an input file whose modification time is <paramref name="minute"/> minutes after a fixed base time.</summary>
    public string Write(string name, string content, double minute)
    {
        string path = Path.Combine(Input, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        File.SetLastWriteTimeUtc(path, BaseTime.AddMinutes(minute));
        return path;
    }

    /// <summary>Same as <see cref="Write"/> but with the modification time given as an offset in days.</summary>
    public string WriteAged(string name, string content, double days) => Write(name, content, days * 24 * 60);

    public SourceContext Context() =>
        new("test-query", 0, Checkpoint, new ManualClock(), NullLogger.Instance);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Plans and reads one batch; returns the rows and the new end offset (unchanged when there was nothing new).</summary>
    public static (T[] Rows, SourceOffset? End) NextBatch<T>(ISource<T> source, SourceOffset? start, ReadLimit limit = default)
    {
        var end = source.LatestOffset(start, limit);
        if (end is null || end == start) return ([], start);
        return (Read(source, start, end), end);
    }

    /// <summary>Reads (start, end] into fresh inputs and returns the rows.</summary>
    public static T[] Read<T>(ISource<T> source, SourceOffset? start, SourceOffset end)
    {
        var inputs = new BatchInputs(1);
        try
        {
            long count = source.Read(start, end, inputs, 0);
            var rows = inputs.Get<T>(0).ToArray();
            Assert.Equal(rows.Length, count);
            return rows;
        }
        finally
        {
            inputs.Release();
        }
    }
}
