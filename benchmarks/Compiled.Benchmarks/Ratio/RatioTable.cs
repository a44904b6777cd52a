using System.Globalization;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Ratio;

/// <summary>Prints one workload's measurements as an aligned table, the first (hand-written) variant as the 1.00 line.</summary>
internal sealed class RatioTable(Workload workload, IReadOnlyList<Measurement> measurements, int batchSize)
{
    private const double Million = 1_000_000;

    /// <summary>Writes the table; returns false when a variant's result differs from the reference's.</summary>
    public bool Print(TextWriter output)
    {
        var reference = measurements[0];
        string[] header = ["variant", $"M {workload.Unit}/s", $"B/{Singular(workload.Unit)}", "x loop", "runs", "median s", $"M {workload.Unit}/CPU-s", "result"];
        var rows = new List<string[]> { header };
        var mismatches = new List<string>();
        foreach (var m in measurements)
        {
            if (m.SkipReason is not null)
            {
                rows.Add([m.Variant, "-", "-", "-", "0", "-", "-", "skipped: " + m.SkipReason]);
                continue;
            }
            bool check = reference.SkipReason is null;
            bool same = !check || m.Checksum == reference.Checksum;
            if (!same) mismatches.Add($"  {m.Variant}: {m.Checksum}; {reference.Variant}: {reference.Checksum}");
            rows.Add([
                m.Variant,
                Format(m.UnitsPerSecond / Million, "F1"),
                Format(m.BytesPerUnit, m.BytesPerUnit < 10 ? "F3" : "F1"),
                reference.SkipReason is null ? Format(m.UnitsPerSecond / reference.UnitsPerSecond, "F2") : "-",
                Format(m.Runs, "D"),
                Format(m.MedianSeconds, "F3"),
                m.CpuSeconds > 0 ? Format(workload.Units / m.CpuSeconds / Million, workload.Units / m.CpuSeconds < 10 * Million ? "F2" : "F1") : "-",
                !check ? "unchecked" : same ? "ok" : "MISMATCH",
            ]);
        }

        output.WriteLine();
        output.WriteLine($"{workload.Id} {workload.Title}: {workload.InputRows:N0} input rows, {workload.Units:N0} {workload.Unit}, " +
            $"plan batches of {batchSize:N0} rows; result {reference.Checksum}");
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c == 0 || c == row.Length - 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
        foreach (string mismatch in mismatches) output.WriteLine("MISMATCH " + mismatch);
        return mismatches.Count == 0;
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Format(int value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Singular(string unit) => unit.EndsWith('s') ? unit[..^1] : unit;
}
