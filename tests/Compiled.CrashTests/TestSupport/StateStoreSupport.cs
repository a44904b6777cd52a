using Compiled.State;

namespace Compiled.CrashTests.TestSupport;

/// <summary>Which state store the stateful query can run with in this build.</summary>
/// <remarks>
/// Until the FASTER provider is merged, <see cref="FasterStateStoreProvider"/> is a placeholder that throws
/// <see cref="NotSupportedException"/>; the stateful query then runs in memory, where a restart loses its state,
/// so only the idempotence of its sink can be checked. Any other failure of the real provider propagates.
/// </remarks>
public static class StateStoreSupport
{
    private static readonly Lazy<bool> s_faster = new(Probe);

    /// <summary>True when FASTER state works, so the stateful query's totals survive a crash.</summary>
    public static bool FasterAvailable => s_faster.Value;

    /// <summary>The store the host's stateful query uses.</summary>
    public static StateStoreKind Kind => FasterAvailable ? StateStoreKind.Faster : StateStoreKind.InMemory;

    private static bool Probe()
    {
        string directory = Path.Combine(Path.GetTempPath(), "compiled-crash-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            new FasterStateStoreProvider(directory, null, 1 << 20, null).Dispose();
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
