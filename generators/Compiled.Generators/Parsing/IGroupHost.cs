using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>Turns aggregate calls on a group parameter into accumulator reads while a result selector is rewritten.</summary>
    internal interface IGroupHost
    {
        /// <summary>The group parameter, <c>g</c> in <c>g =&gt; new R(g.Key, g.Count())</c>.</summary>
        IParameterSymbol Parameter { get; }

        /// <summary>The expression that reads <paramref name="call"/>'s result from the accumulator, or null after reporting why not.</summary>
        string? Aggregate(InvocationExpressionSyntax call, IMethodSymbol method);
    }
}
