using System.Diagnostics;

namespace Compiled.Tests.IO;

/// <summary>
/// A real, small file system (tmpfs) mounted for one test, so "no space left on device" and a read-only mount are
/// the kernel's own errors, not simulated ones. Needs root, as CI runs (eng/install-prerequisites.sh); without it
/// the test fails naming what is missing rather than skipping.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private const string FillerName = "filler.bin";

    public TmpfsMount(long sizeBytes)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "compiled-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", Path);
        }
        catch
        {
            Directory.Delete(Path);
            throw;
        }
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>A path inside the mount.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Fills the file system until a write fails with no space left, then frees <paramref name="leaveBytes"/>.</summary>
    public void Fill(long leaveBytes = 0)
    {
        var chunk = new byte[64 << 10];
        using var filler = File.OpenHandle(Combine(FillerName), FileMode.Create, FileAccess.Write);
        long length = 0;
        // tmpfs allocates by page: halve the write size until not even one byte fits.
        for (int size = chunk.Length; size > 0; size /= 2)
        {
            while (true)
            {
                try
                {
                    RandomAccess.Write(filler, chunk.AsSpan(0, size), length);
                    length += size;
                }
                catch (IOException)
                {
                    break;
                }
            }
        }
        if (leaveBytes > 0) RandomAccess.SetLength(filler, Math.Max(0, length - leaveBytes));
    }

    /// <summary>Frees what <see cref="Fill"/> took.</summary>
    public void Free() => File.Delete(Combine(FillerName));

    /// <summary>Makes the mount read-only (writes fail with EROFS), or writable again.</summary>
    public void Remount(bool readOnly) => Run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command}");
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{command} {string.Join(' ', args)}' failed ({process.ExitCode}): {error.Trim()}. These tests need a real small file system and so must run as root, as CI does.");
    }
}
