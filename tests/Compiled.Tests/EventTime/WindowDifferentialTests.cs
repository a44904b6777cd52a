namespace Compiled.Tests.EventTime;

/// <summary>
/// Windowed aggregations through the real engine against the reference interpreter: random out-of-order and late rows,
/// random batch sizes, restarts and failed batches, every window kind in every mode it allows.
/// </summary>
public sealed class WindowDifferentialTests
{
    public static TheoryData<WindowKind, OutputMode> Cases()
    {
        var cases = new TheoryData<WindowKind, OutputMode>();
        foreach (WindowKind kind in Enum.GetValues<WindowKind>())
        {
            foreach (OutputMode mode in Enum.GetValues<OutputMode>())
            {
                bool session = kind is WindowKind.Session or WindowKind.SessionPerRowGap;
                if (!(session && mode == OutputMode.Update)) cases.Add(kind, mode);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Faster_state_with_restarts_and_failures_matches_the_reference(WindowKind kind, OutputMode mode) =>
        DifferentialRun.RunAndCompare(kind, mode, StateStoreKind.Faster, seed: 17 + (int)kind * 3 + (int)mode, restarts: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task In_memory_state_matches_the_reference(WindowKind kind, OutputMode mode) =>
        DifferentialRun.RunAndCompare(kind, mode, StateStoreKind.InMemory, seed: 101 + (int)kind * 3 + (int)mode, restarts: false);
}
