namespace Compiled.CrashTests.TestSupport;

/// <summary>The directories of one crash scenario (input, output, checkpoints) under a fresh temporary root, deleted on dispose.</summary>
public sealed class CrashWorkspace : IDisposable
{
    public CrashWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "compiled-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Input);
    }

    public string Root { get; }

    public string Input => Path.Combine(Root, "in");

    public string Output => Path.Combine(Root, "out");

    public string Checkpoint => Path.Combine(Root, "checkpoint");

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
