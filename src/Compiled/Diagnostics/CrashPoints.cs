using System.Diagnostics;
using System.Globalization;

namespace Compiled.Diagnostics;

/// <summary>
/// Fault injection for the crash tests: kills the process with SIGKILL at a named point of one batch, so a test
/// can restart it and check that nothing was lost or duplicated.
/// </summary>
/// <remarks>
/// <para>The environment variable <c>COMPILED_CRASH_POINT</c> chooses the point, read once per process:
/// <c>&lt;point&gt;@&lt;batchId&gt;</c>, optionally followed by <c>:&lt;queryName&gt;</c> to crash only that query
/// (e.g. <c>sink.midWrite@3:Totals</c>). When the variable is unset, <see cref="Hit"/> is a test of a static
/// readonly field against null, which the JIT folds away once the method is recompiled at tier 1.</para>
/// <para>Before dying, the process writes <c>COMPILED_CRASH_POINT hit: …</c> to standard error, so a test can tell a
/// crash at the intended point from any other death.</para>
/// </remarks>
internal static class CrashPoints
{
    /// <summary>The environment variable naming the crash point.</summary>
    internal const string VariableName = "COMPILED_CRASH_POINT";

    /// <summary>The line written to standard error just before the process kills itself starts with this.</summary>
    internal const string Marker = VariableName + " hit: ";

    /// <summary>
    /// Engine: batch N was read and run in memory, nothing of it is logged; batch N-1's changelog frame may still be
    /// being made durable and its <c>commits/N-1</c> is not written.
    /// </summary>
    internal const string BatchRunInMemory = "batch.runInMemory";

    /// <summary>Engine: <c>offsets/N</c> is durable and batch N has run in memory; nothing of it reached the sink.</summary>
    internal const string OffsetsWritten = "offsets.written";

    /// <summary>
    /// Sink, half-way through writing batch N: the file sink's data file is written and flushed under its
    /// temporary name (not renamed, no manifest); a test sink stops in the middle of its own writes.
    /// </summary>
    internal const string SinkMidWrite = "sink.midWrite";

    /// <summary>File sink: batch N's data file has its final name, its manifest is not written.</summary>
    internal const string SinkRenamed = "sink.renamed";

    /// <summary>Engine: the sink returned from batch N; state is not checkpointed, <c>commits/N</c> not written.</summary>
    internal const string SinkWritten = "sink.written";

    /// <summary>
    /// State provider, in the middle of writing the FASTER base of batch N on its background thread: every store's
    /// FASTER checkpoint is durable, the base manifest that makes the base exist is not. The batch thread may be
    /// further on by then, so the crash can come after <c>commits/N</c>.
    /// </summary>
    internal const string StateMidCheckpoint = "state.midCheckpoint";

    /// <summary>Engine: state version N is durable, <c>commits/N</c> is not written.</summary>
    internal const string StateCheckpointed = "state.checkpointed";

    /// <summary>Engine: <c>commits/N</c> is durable; sources are not told and no progress is reported.</summary>
    internal const string CommitWritten = "commit.written";

    /// <summary>State changelog: half of batch N's frame is on disk (fsynced), the rest is not: a torn tail.</summary>
    internal const string StateChangelogMidWrite = "state.changelogMidWrite";

    /// <summary>State provider, recovering to committed batch N: the base is open, the changelog replay is half done.</summary>
    internal const string StateRecovering = "state.recovering";

    /// <summary>Every point some code hits; a variable naming another is an error, so a typo cannot pass as "never reached".</summary>
    internal static readonly IReadOnlyList<string> Known =
        [BatchRunInMemory, OffsetsWritten, SinkMidWrite, SinkRenamed, SinkWritten, StateMidCheckpoint, StateCheckpointed, CommitWritten,
         StateChangelogMidWrite, StateRecovering];

    // Null when the variable is unset: the only thing the hot path looks at.
    private static readonly Target? s_target = Target.Parse(Environment.GetEnvironmentVariable(VariableName));

    /// <summary>True when <c>COMPILED_CRASH_POINT</c> is set, for code that must take a slower path to reach its point.</summary>
    internal static bool IsArmed => s_target is not null;

    /// <summary>Kills the process with SIGKILL when <c>COMPILED_CRASH_POINT</c> names this point, batch and query.</summary>
    /// <param name="point">One of the <see cref="Known"/> points.</param>
    /// <param name="batchId">The batch being run.</param>
    /// <param name="queryName">
    /// The query running it; null where the code does not know its query (the state provider), which then matches
    /// any query filter and is reported under the filter's name.
    /// </param>
    /// <exception cref="InvalidOperationException">The variable is set but malformed.</exception>
    internal static void Hit(string point, long batchId, string? queryName)
    {
        if (s_target is null) return;
        s_target.HitIfMatches(point, batchId, queryName);
    }

    /// <summary>A parsed <c>COMPILED_CRASH_POINT</c> value, or the reason it could not be parsed.</summary>
    internal sealed record Target(string Point, long BatchId, string? QueryName, string? Error)
    {
        /// <summary>Parses the variable's value; null when it is unset or empty.</summary>
        internal static Target? Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            string spec = value.Trim();
            string? query = null;
            int colon = spec.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                query = spec[(colon + 1)..];
                spec = spec[..colon];
            }
            int at = spec.IndexOf('@', StringComparison.Ordinal);
            string point = at < 0 ? spec : spec[..at];
            string batchText = at < 0 ? "" : spec[(at + 1)..];
            long batchId = -1;
            string? error =
                at < 0 ? "the batch id is missing"
                : !Known.Contains(point) ? $"'{point}' is not a crash point (known: {string.Join(", ", Known)})"
                : !long.TryParse(batchText, NumberStyles.None, CultureInfo.InvariantCulture, out batchId) ? $"'{batchText}' is not a batch id"
                : query is { Length: 0 } ? "the query name after ':' is empty"
                : null;
            return error is null
                ? new Target(point, batchId, query, null)
                : new Target(point, -1, query, $"{VariableName}='{value}' is invalid: {error}. Expected <point>@<batchId>[:<queryName>].");
        }

        /// <summary>True when a hit of <paramref name="point"/> in batch <paramref name="batchId"/> of <paramref name="queryName"/> crashes.</summary>
        internal bool Matches(string point, long batchId, string? queryName) =>
            Error is null
            && BatchId == batchId
            && string.Equals(Point, point, StringComparison.Ordinal)
            && (QueryName is null || queryName is null || string.Equals(QueryName, queryName, StringComparison.Ordinal));

        /// <summary>Announces the crash on standard error and kills the process when the hit matches; fails when the variable is malformed.</summary>
        internal void HitIfMatches(string point, long batchId, string? queryName)
        {
            if (Error is not null) throw new InvalidOperationException(Error);
            if (!Matches(point, batchId, queryName)) return;
            string query = queryName ?? QueryName ?? "(query unknown here)";
            Console.Error.WriteLine($"{Marker}{point}@{batchId.ToString(CultureInfo.InvariantCulture)}:{query}");
            Console.Error.Flush();
            // On Unix Process.Kill sends SIGKILL: no finally block, finalizer or flush runs, as in a power cut
            // of the process (the page cache survives, which is what fsync-before-rename is about).
            Process.GetCurrentProcess().Kill();
            // kill(2) to oneself delivers the signal before it returns; never let the caller go on regardless.
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
