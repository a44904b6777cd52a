using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Which members of a <c>Select</c>'s result copy a member of its input unchanged, read from the selector's syntax:
    /// <c>t =&gt; new Row(t.CreatedTime, …)</c> (a positional record or a constructor whose parameter names a member),
    /// <c>new Row { Time = t.CreatedTime }</c>, <c>new { t.CreatedTime }</c> and <c>(Time: t.CreatedTime, …)</c>.
    /// Spark keeps a watermark on a column a projection passes through; this lets the event-time rules do the same.
    /// </summary>
    internal static class MemberLineage
    {
        /// <summary>
        /// The result members of <paramref name="selector"/> that copy a member of its parameter number
        /// <paramref name="parameterIndex"/> of <paramref name="arity"/> (a join's result reads two rows); empty when none can be told.
        /// </summary>
        public static ImmutableEquatableArray<MemberCopy> Of(SemanticModel model, ExpressionSyntax selector, ITypeSymbol resultType, CancellationToken cancellationToken,
            int parameterIndex = 0, int arity = 1)
        {
            if (selector is not LambdaExpressionSyntax { ExpressionBody: { } body } lambda
                || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol method || method.Parameters.Length != arity)
            {
                return ImmutableEquatableArray<MemberCopy>.Empty;
            }
            var parameter = method.Parameters[parameterIndex];
            var copies = new List<MemberCopy>();

            string? Source(ExpressionSyntax expression) =>
                expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name: var member }
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, parameter)
                    ? member.Identifier.ValueText
                    : null;

            void Add(string? output, ExpressionSyntax value)
            {
                if (output is not null && Source(value) is { } input) copies.Add(new MemberCopy(output, input));
            }

            switch (body)
            {
                case BaseObjectCreationExpressionSyntax creation:
                    if (creation.ArgumentList is { } arguments && model.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol constructor)
                    {
                        for (int i = 0; i < arguments.Arguments.Count; i++)
                        {
                            var argument = arguments.Arguments[i];
                            var target = argument.NameColon is { } named
                                ? constructor.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText)
                                : i < constructor.Parameters.Length ? constructor.Parameters[i] : null;
                            Add(target is null ? null : PropertyFor(resultType, target.Name), argument.Expression);
                        }
                    }
                    foreach (var assignment in creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>() ?? Enumerable.Empty<AssignmentExpressionSyntax>())
                    {
                        if (assignment.Left is IdentifierNameSyntax property) Add(property.Identifier.ValueText, assignment.Right);
                    }
                    break;
                case AnonymousObjectCreationExpressionSyntax anonymous:
                    foreach (var member in anonymous.Initializers)
                    {
                        Add(member.NameEquals?.Name.Identifier.ValueText ?? Source(member.Expression), member.Expression);
                    }
                    break;
                case TupleExpressionSyntax tuple:
                    foreach (var element in tuple.Arguments)
                    {
                        Add(element.NameColon?.Name.Identifier.ValueText ?? Source(element.Expression), element.Expression);
                    }
                    break;
            }
            return copies.ToEquatableArray();
        }

        /// <summary>The member a constructor parameter sets: the one of the same name, ignoring case (records: the same name).</summary>
        private static string? PropertyFor(ITypeSymbol type, string parameter) =>
            type.GetMembers().FirstOrDefault(m => m is IPropertySymbol or IFieldSymbol && !m.IsStatic
                && string.Equals(m.Name, parameter, System.StringComparison.OrdinalIgnoreCase))?.Name;
    }
}
