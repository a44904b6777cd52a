namespace Compiled;

/// <summary>
/// Builds and evaluates queries as logical plans, without the generator: <c>Define</c> over
/// <see cref="Source{T}"/> streams gives a plan that <see cref="Evaluate{T}"/> runs with LINQ to Objects over bounded
/// inputs. It is the reference the compiled plans are tested against.
/// </summary>
public static class LogicalPlan
{
    /// <summary>An input stream holding <paramref name="rows"/>.</summary>
    /// <param name="rows">The rows, read each time the plan is evaluated.</param>
    /// <param name="name">Name shown in <see cref="object.ToString"/> of the plan.</param>
    public static IStream<T> Source<T>(IEnumerable<T> rows, string name = "input")
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new SourceStream<T>(name, rows);
    }

    /// <summary>The result of <paramref name="stream"/> over all of its sources' rows, as a batch query would compute it.</summary>
    /// <exception cref="ArgumentException">The stream was not built from <see cref="Source{T}"/>.</exception>
    public static IReadOnlyList<T> Evaluate<T>(IStream<T> stream) =>
        stream is LogicalStream<T> logical
            ? logical.Evaluate().ToList()
            : throw new ArgumentException(
                $"Stream '{stream}' is not a logical plan; build it from {nameof(LogicalPlan)}.{nameof(Source)}.", nameof(stream));
}
