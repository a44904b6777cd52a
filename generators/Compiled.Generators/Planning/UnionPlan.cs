using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// A union of two streams in a physical plan: <see cref="PhysicalPlan.Source"/> holds the first input's stages and,
    /// from <paramref name="SharedFrom"/> on, the stages after the union; the other input's loop runs
    /// <paramref name="Other"/> and then those same shared stages.
    /// </summary>
    /// <param name="Union">The union.</param>
    /// <param name="Other">The other input's stages up to the union.</param>
    /// <param name="SharedFrom">Where the stages after the union start in <see cref="PhysicalPlan.Source"/>.</param>
    internal sealed record UnionPlan(SetOperationSpec Union, ImmutableEquatableArray<Stage> Other, int SharedFrom);
}
