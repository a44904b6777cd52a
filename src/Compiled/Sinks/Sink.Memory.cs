using Compiled.Sinks;

namespace Compiled;

/// <summary>Factories of the built-in sinks.</summary>
public static partial class Sink
{
    /// <summary>An in-process sink for tests, in Append or Complete mode; read it through <see cref="MemorySink{T}.Rows"/>.</summary>
    /// <param name="name">Shown in the sink's description.</param>
    public static MemorySink<T> Memory<T>(string? name = null) => new(name);
}
