using System.Text;
using Compiled.Sources;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

/// <summary>A temporary directory with an input folder and a source checkpoint folder, and input files with chosen modification times.</summary>
internal sealed class FileTestDirectory : IDisposable
{
    private static readonly DateTime BaseTime = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The file source never waits, so its clock stands still at an arbitrary instant.</summary>
    private const long ClockMs = 1_700_000_000_000;

    private readonly TempDirectory _root = new();

    public FileTestDirectory()
    {
        Input = _root.Combine("in");
        Checkpoint = _root.Combine("chk", "sources", "0");
        Directory.CreateDirectory(Input);
    }

    public string Root => _root.Path;

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

    public SourceContext Context() => SourceBatches.Context(Checkpoint, new ManualClock(ClockMs));

    public void Dispose() => _root.Dispose();
}
