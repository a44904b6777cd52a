using System.Runtime.CompilerServices;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>
/// Compares text with a committed <c>_snapshots/&lt;name&gt;.verified.cs</c>. On a mismatch it writes
/// <c>&lt;name&gt;.received.cs</c> beside it and fails; set COMPILED_ACCEPT_SNAPSHOTS=1 to accept every received file.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "COMPILED_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(ProjectDirectory(callerFile), "_snapshots");
        Directory.CreateDirectory(directory);
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No snapshot '{verified}'. Review '{received}' and rename it, or rerun with {AcceptVariable}=1.");
        }
        string expected = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail($"Generated source differs from '{verified}' at line {FirstDifferentLine(expected, actual)}. "
            + $"Compare with '{received}'; rerun with {AcceptVariable}=1 to accept.");
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i + 1;
    }

    private static string ProjectDirectory(string file)
    {
        for (var dir = Path.GetDirectoryName(file); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.EnumerateFiles(dir, "*.csproj").Any()) return dir;
        }
        throw new InvalidOperationException($"No project directory above '{file}'.");
    }
}
