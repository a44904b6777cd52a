namespace Compiled.CrashHost;

/// <summary>Where the host's two queries write, under the output and checkpoint directories it is given.</summary>
public static class HostLayout
{
    /// <summary>The file sink's directory (<see cref="DoubledPlan"/>).</summary>
    public static string DoubledOutput(string outputDirectory) => Path.Combine(outputDirectory, "doubled");

    /// <summary>The foreachBatch writer's directory (<see cref="TotalsPlan"/>).</summary>
    public static string TotalsOutput(string outputDirectory) => Path.Combine(outputDirectory, "totals");

    /// <summary>The checkpoint of <see cref="DoubledPlan"/>.</summary>
    public static string DoubledCheckpoint(string checkpointDirectory) => Path.Combine(checkpointDirectory, "doubled");

    /// <summary>The checkpoint of <see cref="TotalsPlan"/>.</summary>
    public static string TotalsCheckpoint(string checkpointDirectory) => Path.Combine(checkpointDirectory, "totals");

    /// <summary>Batches between FASTER bases of the Totals query: bases at batches 2, 5, 8 and 11 of the twelve.</summary>
    public const int StateSnapshotInterval = 3;
}
