namespace Compiled.CrashTests.TestSupport;

/// <summary>A theory that needs the FASTER state store; skipped, saying so, while the build has only its placeholder.</summary>
public sealed class RequiresFasterTheoryAttribute : TheoryAttribute
{
    public RequiresFasterTheoryAttribute()
    {
        if (!StateStoreSupport.FasterAvailable)
            Skip = "The FASTER state store provider is not in this build (placeholder); the point is hit inside it.";
    }
}
