using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Tables;
using Compiled.Benchmarks.W5;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Ratio;

/// <summary>
/// Measures every selected workload and all its variants side by side in this process and prints one table
/// per workload: throughput, allocation per event, and the ratio to the hand-written loop.
/// </summary>
/// <remarks>
/// Per variant: warm-up on a copied prefix of the data until tiered JIT has promoted the hot methods, then
/// up to <see cref="RatioOptions.Runs"/> runs over all the data with a full GC before each, reporting the
/// median. The total time is capped: each variant gets the remaining budget divided by the variants still to
/// come, and a slow one runs fewer times (at least once, unless the warm-up predicts it cannot finish in
/// the budget). Before printing any speed, every variant's result is checked against the reference's.
/// </remarks>
internal sealed class RatioRunner(RatioOptions options, TextWriter output)
{
    private const int WarmUpPrefixDivisor = 500;
    private const int MinWarmUpRows = 1000;
    // Tiered compilation promotes a method to optimised code after 30 calls.
    private const int TieringCallThreshold = 30;
    private static readonly TimeSpan JitQuietPeriod = TimeSpan.FromMilliseconds(200);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _variantsLeft;

    /// <summary>Runs everything; returns the process exit code (1 when a variant's result differs).</summary>
    public int Run()
    {
        PrintEnvironment();
        if (options.KafkaBootstrap is { } bootstrap)
        {
            W5Input.UseExternalCluster(bootstrap);
            output.WriteLine($"W5 from Kafka: the cluster at {bootstrap}, in another process (M/CPU-s is then the client's own CPU time).");
        }
        foreach (var empty in Workloads(static () => [], static () => [], static () => [], static () => []))
        {
            foreach (var variant in empty.CreateVariants())
            {
                _variantsLeft++;
                variant.Dispose();
            }
        }

        // Data is generated when its first workload starts, and W3 comes last: dropping the events then keeps
        // one data set on the heap, so no workload's garbage collections mark another workload's data.
        Ev[]? events = null, ordered = null, dense = null;
        string[]? text = null;  // W3 and W5 share the lines
        bool allMatch = true;
        foreach (var workload in Workloads(
            () => events ??= Timed($"Generating {options.Events:N0} events", () => EventData.Generate(options.Events)),
            () =>
            {
                events = null;
                return ordered ??= Timed($"Generating {options.WindowEvents:N0} events", () => EventData.Generate(options.WindowEvents));
            },
            () =>
            {
                (events, ordered) = (null, null);
                return dense ??= Timed($"Generating {options.WindowEvents:N0} dense events", () => EventData.GenerateDense(options.WindowEvents));
            },
            () =>
            {
                (events, ordered, dense) = (null, null, null);
                return text ??= Timed($"Generating {options.Lines:N0} lines", () => WordCorpus.Lines(options.Lines));
            }))
        {
            allMatch &= RunWorkload(workload);
        }
        output.WriteLine($"Total {_clock.Elapsed.TotalSeconds:F1} s (budget {options.Budget.TotalSeconds:F0} s).");
        if (!allMatch) output.WriteLine("FAILED: some variants computed a different result than the hand-written loop (see above).");
        return allMatch ? 0 : 1;
    }

    /// <summary>The selected workloads in run order; each data set is made when its first workload starts.</summary>
    private IEnumerable<Workload> Workloads(Func<Ev[]> events, Func<Ev[]> ordered, Func<Ev[]> dense, Func<string[]> lines)
    {
        if (options.Includes("W1")) yield return new W1FilterProject(events(), options.BatchSize);
        if (options.Includes("W2a")) yield return new W2aKeyedCount(events(), options.BatchSize);
        if (options.Includes("W2")) yield return new W2WindowCount(ordered(), options.BatchSize);
        if (options.Includes("W2b")) yield return new W2bDenseWindowCount(dense(), options.BatchSize);
        foreach (int ratio in SlidingWindowCount.Ratios)
        {
            if (options.Includes("Sliding" + ratio)) yield return new SlidingWindowCount(dense(), options.BatchSize, ratio);
        }
        if (options.Includes("W3")) yield return new W3WordCount(lines(), options.BatchSize);
        if (options.Includes("W5"))
        {
            // Batches of a tenth of the plan batch size: a stream from files or Kafka comes in smaller batches than W3's.
            int batchLines = Math.Max(1, options.BatchSize / 10);
            string[] text = lines();
            yield return new W5StreamingWordCount(text, batchLines, W5Source.Files);
            yield return new W5StreamingWordCount(text[..Math.Min(text.Length, W5StreamingWordCount.MockCapacity)], batchLines, W5Source.Kafka);
            yield return new W5StreamingTrades(options.Lines, batchLines, W5Source.Files);
            yield return new W5StreamingTrades(Math.Min(options.Lines, W5StreamingTrades.MockCapacity), batchLines, W5Source.Kafka);
        }
        if (options.Includes("T1")) yield return new T1TableUpsert(T1TableUpsert.Generate(options.TableRows));
        if (options.Includes("W4")) yield return new W4Yahoo(AdEventData.Generate(options.WindowEvents), options.BatchSize);
        if (options.Includes("J1"))
        {
            var (impressions, clicks) = ImpressionClickData.Generate(options.JoinRows);
            yield return new J1StreamJoin(impressions, clicks, options.BatchSize);
        }
    }

    private bool RunWorkload(Workload workload)
    {
        var variants = workload.CreateVariants();
        int warmUpRows = Math.Min(workload.InputRows, Math.Max(MinWarmUpRows, workload.InputRows / WarmUpPrefixDivisor));
        var warmUpVariants = workload.Prefix(warmUpRows).CreateVariants();
        var measurements = new List<Measurement>();
        try
        {
            for (int i = 0; i < variants.Count; i++)
            {
                if (!options.IncludesVariant(variants[i].Name))
                {
                    _variantsLeft--;
                    continue;
                }
                measurements.Add(Measure(workload, variants[i], warmUpVariants[i], (double)workload.InputRows / warmUpRows));
                _variantsLeft--;
            }
        }
        finally
        {
            foreach (var variant in variants.Concat(warmUpVariants)) variant.Dispose();
        }
        // --variants can leave a workload with nothing to run (W5 from files when only Kafka is asked for).
        return measurements.Count == 0 || new RatioTable(workload, measurements, options.BatchSize).Print(output);
    }

    private Measurement Measure(Workload workload, Variant variant, Variant warmUp, double prefixScale)
    {
        double warmUpSeconds = WarmUp(warmUp);
        double estimate = warmUpSeconds * prefixScale;
        double left = (options.Budget - _clock.Elapsed).TotalSeconds;
        if (estimate > left)
            return Measurement.Skipped(variant.Name, $"estimated {estimate:F1} s per run, {Math.Max(0, left):F1} s of budget left");

        var seconds = new List<double>();
        var bytes = new List<long>();
        var cpu = new List<double>();
        int runs = options.Runs;
        while (seconds.Count < runs)
        {
            var (elapsed, allocated, cpuSeconds) = MeasureOnce(variant);
            seconds.Add(elapsed);
            bytes.Add(allocated);
            cpu.Add(cpuSeconds);
            if (seconds.Count == 1)
            {
                double share = (options.Budget - _clock.Elapsed).TotalSeconds / _variantsLeft;
                runs = Math.Clamp((int)(share / Math.Max(elapsed, 1e-9)), 1, options.Runs);
            }
        }
        double median = Median(seconds);
        return new Measurement(variant.Name, seconds.Count, median, workload.Units / median,
            Median(bytes.ConvertAll(b => (double)b)) / workload.Units, Median(cpu), variant.Checksum(), null);
    }

    /// <summary>
    /// Calls <paramref name="variant"/> until tiered compilation has settled: at least 30 calls (the promotion
    /// threshold) and no method compiled, on any thread, for <see cref="JitQuietPeriod"/>, which is longer than
    /// the runtime's 100 ms call-counting delay; or until <see cref="RatioOptions.WarmUp"/> has passed. Returns
    /// the fastest call's time: on a prefix this small a single call can be dominated by a collection of the
    /// previous variant's garbage, and the last call's time once overestimated a 1.3 s run at 132 s.
    /// </summary>
    private double WarmUp(Variant variant)
    {
        var warmUp = Stopwatch.StartNew();
        long compiled = -1;
        TimeSpan lastCompile = TimeSpan.Zero;
        double fastest = double.MaxValue;
        for (int calls = 1; ; calls++)
        {
            variant.Prepare();
            long start = Stopwatch.GetTimestamp();
            variant.Run();
            fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(start).TotalSeconds);
            long nowCompiled = JitInfo.GetCompiledMethodCount(currentThread: false);
            if (nowCompiled != compiled)
            {
                compiled = nowCompiled;
                lastCompile = warmUp.Elapsed;
            }
            bool settled = calls >= TieringCallThreshold && warmUp.Elapsed - lastCompile >= JitQuietPeriod;
            if (settled || warmUp.Elapsed >= options.WarmUp) return fastest;
        }
    }

    private static (double Seconds, long Bytes, double CpuSeconds) MeasureOnce(Variant variant)
    {
        // Garbage from the previous run must not be collected on this run's time.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        variant.Prepare();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        variant.Run();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        process.Refresh();
        return (seconds, bytes, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private T Timed<T>(string what, Func<T> create)
    {
        long start = Stopwatch.GetTimestamp();
        var result = create();
        output.WriteLine($"{what}: {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
        return result;
    }

    private void PrintEnvironment()
    {
#if DEBUG
        output.WriteLine("WARNING: Debug build; run with -c Release for meaningful numbers.");
#endif
        output.WriteLine($"Compiled ratio run: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, " +
            $"{Environment.ProcessorCount} processors, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
            $"seed {WorkloadSizes.Seed}, up to {options.Runs} runs per variant (median), budget {options.Budget.TotalSeconds:F0} s.");
    }
}
