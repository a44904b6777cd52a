using System.Globalization;
using BenchmarkDotNet.Running;
using Compiled.Benchmarks.Ratio;

// --ratio: the quick side-by-side run of every workload; --latency: file-to-sink latency with durable state;
// otherwise BenchmarkDotNet's switcher picks suites.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--ratio"))
{
    RatioOptions options;
    try
    {
        options = RatioOptions.Parse(args);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    return new RatioRunner(options, Console.Out).Run();
}
if (args.Contains("--latency"))
{
    return await Compiled.Benchmarks.Latency.LatencyRunner.RunAsync(Console.Out);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
