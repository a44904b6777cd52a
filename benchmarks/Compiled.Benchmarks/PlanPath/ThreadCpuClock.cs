using System.Runtime.InteropServices;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a loaded machine the time a
/// batch spends descheduled is not in it, so the cost split of <see cref="PlanDriver{TOut}"/> stays readable there.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>The calling thread's CPU time in microseconds; 0 where the clock is not available.</summary>
    public static long Micros()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out TimeSpec time) != 0) return 0;
        return time.Seconds * 1_000_000 + time.Nanoseconds / 1_000;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
