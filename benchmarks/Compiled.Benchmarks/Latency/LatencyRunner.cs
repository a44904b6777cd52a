using System.Diagnostics;
using System.Text;
using Compiled.Benchmarks.Queries;
using Compiled.Sources.Files;

namespace Compiled.Benchmarks.Latency;

/// <summary>
/// <c>--latency</c>: the time from a 1,000-event JSON file appearing in the input folder (an atomic rename) to the sink
/// receiving its batch, with the default trigger and durable state (changelog per batch), over a running query.
/// Files arrive one at a time, each after a random pause of 0-50 ms once the previous batch reached the sink.
/// </summary>
internal static class LatencyRunner
{
    private const int EventsPerFile = 1_000;
    private const int Keys = 100_000;

    /// <summary>Runs <paramref name="files"/> measured files after <paramref name="warmUp"/> unmeasured ones and prints the percentiles.</summary>
    public static async Task<int> RunAsync(TextWriter output, int files = 300, int warmUp = 50)
    {
        string root = Path.Combine(Path.GetTempPath(), "compiled-latency-" + Guid.NewGuid().ToString("N"));
        string input = Directory.CreateDirectory(Path.Combine(root, "in")).FullName;
        string staging = Directory.CreateDirectory(Path.Combine(root, "staging")).FullName;
        var received = new SemaphoreSlim(0);
        long receivedAt = 0;
        var random = new Random(42);
        try
        {
            await using var query = LatencyKeyCountQuery.Start(
                Source.JsonFiles<LatencyEvent>(input, new FileSourceOptions { MaxFilesPerTrigger = 1 }),
                Sink.ForeachBatch<KeyCount>((rows, _) =>
                {
                    Volatile.Write(ref receivedAt, Stopwatch.GetTimestamp());
                    received.Release();
                }),
                new QueryOptions { CheckpointLocation = Path.Combine(root, "checkpoint"), StateStore = StateStoreKind.Faster });

            var latencies = new List<double>(files);
            var processing = new List<double>(files);
            var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            for (int i = 0; i < warmUp + files; i++)
            {
                string staged = Path.Combine(staging, $"part-{i:D5}.json");
                File.WriteAllText(staged, FileContents(random));
                await Task.Delay(random.Next(51));
                File.Move(staged, Path.Combine(input, Path.GetFileName(staged)));
                long appeared = Stopwatch.GetTimestamp();
                if (!await received.WaitAsync(TimeSpan.FromSeconds(30)))
                {
                    throw new TimeoutException($"File {i} did not reach the sink within 30 s.");
                }

                if (i >= warmUp)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(appeared, Volatile.Read(ref receivedAt)).TotalMilliseconds);
                    // The progress of the batch is published after the sink returns; wait for it to read the engine's own split.
                    while (query.LastProgress is not { } progress || progress.BatchId < i)
                    {
                        await Task.Delay(1);
                    }

                    processing.Add(query.LastProgress!.DurationMs["triggerExecution"]);
                    foreach ((string phase, long ms) in query.LastProgress.DurationMs)
                    {
                        if (!phases.TryGetValue(phase, out List<double>? values))
                        {
                            phases[phase] = values = [];
                        }

                        values.Add(ms);
                    }
                }
            }

            latencies.Sort();
            processing.Sort();
            output.WriteLine($"Latency of a {EventsPerFile:N0}-event file, default trigger, durable state ({files} files):");
            output.WriteLine($"  file appears -> sink receives: median {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
            output.WriteLine($"  batch (triggerExecution, progress): median {Percentile(processing, 0.5):F0} ms, p99 {Percentile(processing, 0.99):F0} ms");
            foreach ((string phase, List<double> values) in phases.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                values.Sort();
                output.WriteLine($"    {phase}: median {Percentile(values, 0.5):F0} ms, p99 {Percentile(values, 0.99):F0} ms");
            }

            await query.StopAsync();
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string FileContents(Random random)
    {
        var text = new StringBuilder(EventsPerFile * 32);
        for (int e = 0; e < EventsPerFile; e++)
        {
            text.Append("{\"Key\":").Append(random.Next(Keys)).Append(",\"Value\":").Append(random.Next(1_000)).Append("}\n");
        }

        return text.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
