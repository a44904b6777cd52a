using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>
/// The WordCount sample as built by this project's build (its path is baked into the test assembly), run as a
/// separate <c>dotnet</c> process.
/// </summary>
internal static class WordCountApp
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Full path of <c>WordCount.dll</c>.</summary>
    public static string DllPath { get; } = FindDll();

    /// <summary>Runs the sample with <paramref name="args"/> and waits for it to exit.</summary>
    public static async Task<ProcessResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (string arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"WordCount {string.Join(' ', args)} did not exit within {s_timeout.TotalSeconds} s");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindDll()
    {
        string? path = typeof(WordCountApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "WordCountDll")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new FileNotFoundException($"The WordCount sample was not built where the test build said it would be: '{path}'.", path);
        return path;
    }
}
