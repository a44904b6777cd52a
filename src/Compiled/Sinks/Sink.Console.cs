using Compiled.Sinks;
using Compiled.Sinks.ConsoleTable;

namespace Compiled;

/// <summary>Factories for the built-in sinks.</summary>
public static partial class Sink
{
    /// <summary>
    /// Spark's <c>console</c> sink: prints every batch as "Batch: N" and a table like <c>Dataset.show</c>
    /// (columns are <typeparamref name="T"/>'s public properties and fields; scalars are one "value"
    /// column). All output modes. For debugging only: it is not idempotent, so a batch replayed after a
    /// restart is printed again.
    /// </summary>
    /// <param name="options">Rows shown, truncation and the writer; null for Spark's defaults on <see cref="System.Console.Out"/>.</param>
    public static ISink<T> Console<T>(ConsoleSinkOptions? options = null) => new ConsoleSink<T>(options ?? new ConsoleSinkOptions());
}
