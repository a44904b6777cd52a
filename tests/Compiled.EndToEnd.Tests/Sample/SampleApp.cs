using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>
/// A sample program as built by this project's build (its path is baked into the test assembly as
/// <c>&lt;Name&gt;Dll</c> metadata), run as a separate <c>dotnet</c> process.
/// </summary>
internal sealed class SampleApp
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private SampleApp(string name)
    {
        Name = name;
        DllPath = FindDll(name);
    }

    /// <summary><c>samples/WordCount</c>.</summary>
    public static SampleApp WordCount { get; } = new("WordCount");

    /// <summary><c>samples/TradeWindows</c>.</summary>
    public static SampleApp TradeWindows { get; } = new("TradeWindows");

    /// <summary><c>samples/LoginsUsers</c>.</summary>
    public static SampleApp LoginsUsers { get; } = new("LoginsUsers");

    /// <summary>The program's name, as it prefixes its error messages.</summary>
    public string Name { get; }

    /// <summary>Full path of the sample's dll.</summary>
    public string DllPath { get; }

    /// <summary>Runs the sample with <paramref name="args"/> and waits for it to exit.</summary>
    public async Task<ProcessResult> RunAsync(params string[] args)
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
            throw new TimeoutException($"{Name} {string.Join(' ', args)} did not exit within {s_timeout.TotalSeconds} s");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindDll(string name)
    {
        string? path = typeof(SampleApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == name + "Dll")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new FileNotFoundException($"The {name} sample was not built where the test build said it would be: '{path}'.", path);
        return path;
    }
}
