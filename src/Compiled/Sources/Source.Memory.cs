using Compiled.Sources;

namespace Compiled;

/// <summary>Factories of the built-in sources.</summary>
public static partial class Source
{
    /// <summary>An in-process source for tests: add rows with <see cref="MemorySource{T}.AddData"/>.</summary>
    /// <param name="name">Shown in the source's description.</param>
    /// <param name="maxRowsPerTrigger">At most this many rows per batch (ignored by the once trigger); unlimited when null.</param>
    public static MemorySource<T> Memory<T>(string? name = null, int? maxRowsPerTrigger = null) => new(name, maxRowsPerTrigger);
}
