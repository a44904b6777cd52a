using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Recognises <c>SelectMany(x =&gt; expr.Split(' ', ','))</c> with constant separators, so the plan can split spans
    /// instead of allocating a string[] per row. Anything else (count limits, string separators, whitespace splitting)
    /// keeps the ordinary foreach over the array.
    /// </summary>
    internal static class SplitPattern
    {
        private const int RemoveEmptyEntries = 1;
        private const int TrimEntries = 2;

        /// <summary>The split described by <paramref name="call"/>'s selector, or null.</summary>
        public static SplitSpec? TryRead(SemanticModel model, InvocationExpressionSyntax call, string name, ITypeSymbol rowType,
            CancellationToken cancellationToken)
        {
            if (call.ArgumentList.Arguments.Count != 1
                || call.ArgumentList.Arguments[0].Expression is not LambdaExpressionSyntax { ExpressionBody: InvocationExpressionSyntax split } lambda
                || split.Expression is not MemberAccessExpressionSyntax access
                || model.GetSymbolInfo(split, cancellationToken).Symbol is not IMethodSymbol
                {
                    Name: "Split", IsStatic: false, ContainingType.SpecialType: SpecialType.System_String,
                } method)
            {
                return null;
            }
            var separators = new StringBuilder();
            int options = 0;
            var parameters = method.Parameters;
            if (parameters.Length == 0 || parameters.Length > 2) return null;
            if (parameters.Length == 2 && parameters[1].Type.Name != "StringSplitOptions") return null;

            var arguments = split.ArgumentList.Arguments;
            var first = parameters[0].Type;
            bool expandedParams = parameters[0].IsParams && (arguments.Count != 1
                || model.GetTypeInfo(arguments[0].Expression, cancellationToken).Type?.SpecialType == SpecialType.System_Char);
            for (int i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                var target = argument.NameColon is { } label
                    ? parameters.FirstOrDefault(p => p.Name == label.Name.Identifier.ValueText)
                    : parameters[System.Math.Min(i, parameters.Length - 1)];
                if (target is null) return null;
                if (target.Type.Name == "StringSplitOptions")
                {
                    if (model.GetConstantValue(argument.Expression, cancellationToken) is not { HasValue: true, Value: int value }) return null;
                    options = value;
                }
                else if (first.SpecialType == SpecialType.System_Char || expandedParams)
                {
                    if (!AppendConstantChar(model, argument.Expression, separators, cancellationToken)) return null;
                }
                else if (!AppendArrayElements(model, argument.Expression, separators, cancellationToken))
                {
                    return null;
                }
            }
            // No separators means "split on white space": a different algorithm, left to string.Split.
            if (separators.Length == 0 || (options & ~(RemoveEmptyEntries | TrimEntries)) != 0) return null;

            var receiver = Receiver(model, lambda, access.Expression, name + "_Text", rowType, cancellationToken);
            if (receiver is null) return null;
            bool receiverIsRow = access.Expression is IdentifierNameSyntax receiverName
                && model.GetSymbolInfo(receiverName, cancellationToken).Symbol is IParameterSymbol parameter
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, model.GetSymbolInfo(lambda, cancellationToken).Symbol);
            return new SplitSpec(receiver, separators.ToString(), (options & RemoveEmptyEntries) != 0, (options & TrimEntries) != 0, receiverIsRow);
        }

        private static bool AppendConstantChar(SemanticModel model, ExpressionSyntax expression, StringBuilder into, CancellationToken ct)
        {
            if (model.GetConstantValue(expression, ct) is not { HasValue: true, Value: char c }) return false;
            into.Append(c);
            return true;
        }

        private static bool AppendArrayElements(SemanticModel model, ExpressionSyntax expression, StringBuilder into, CancellationToken ct)
        {
            IEnumerable<ExpressionSyntax>? elements = expression switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.Select(e => (e as ExpressionElementSyntax)?.Expression!),
                _ => null,
            };
            if (elements is null) return false;
            foreach (var element in elements)
            {
                if (element is null || !AppendConstantChar(model, element, into, ct)) return false;
            }
            return true;
        }

        /// <summary>The string being split, as a lambda over the same row.</summary>
        private static LambdaSpec? Receiver(SemanticModel model, LambdaExpressionSyntax lambda, ExpressionSyntax receiver,
            string name, ITypeSymbol rowType, CancellationToken ct)
        {
            if (model.GetSymbolInfo(lambda, ct).Symbol is not IMethodSymbol { Parameters.Length: 1 }) return null;
            var parameter = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.Text,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.Text,
                _ => null,
            };
            if (parameter is null) return null;
            var helpers = new HelperSet(name);
            var (text, rewriter) = LambdaRewriter.Rewrite(model, lambda, receiver, null, null, helpers, ct);
            if (rewriter.Problems.Count > 0) return null;
            bool nullable = model.GetNullableContext(lambda.SpanStart).AnnotationsEnabled();
            bool largeStruct = rowType.IsValueType && rowType.SpecialType == SpecialType.None && rowType.TypeKind != TypeKind.Enum;
            return new LambdaSpec(name, parameter, TypeNames.Render(rowType, nullable), largeStruct, nullable ? "string?" : "string",
                text, false, nullable, null, false, helpers.Declarations.ToEquatableArray(), LambdaRewriter.Display(receiver));
        }
    }
}
