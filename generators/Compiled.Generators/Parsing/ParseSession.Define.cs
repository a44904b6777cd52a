using System.Collections.Generic;
using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>CQ0002 (the <c>Define</c> signature) and CQ0004 (its body must be one chain).</summary>
    internal sealed partial class ParseSession
    {
        private const string DefineExample = "'static IStream<TOut> Define(IStream<TIn> input) => input.Where(...)...'";

        private QuerySpec? ParseDefinition(int outputMode)
        {
            var declaration = _declaration;
            var defines = _type.GetMembers(KnownNames.DefineMethod).OfType<IMethodSymbol>()
                .Where(m => m.MethodKind == MethodKind.Ordinary).ToArray();
            if (defines.Length == 0)
            {
                Report(DiagnosticIds.QueryDefinitionInvalid, declaration.Identifier, _queryName,
                    "has no 'Define' method; add " + DefineExample + " to '" + _type.Name + "'");
                return null;
            }
            var define = defines[0];
            var syntax = define.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken))
                .OfType<MethodDeclarationSyntax>().FirstOrDefault();
            if (syntax is null) return Silent();
            if (!CheckSignature(define, syntax, defines)) return null;

            var inputs = define.Parameters.Where(p => Symbols.IsStream(p.Type))
                .Select(p => new InputSpec(p.Name, TypeSpecBuilder.Build(Symbols.StreamRowType(p.Type)!)));
            var tables = define.Parameters.Where(p => IsStaticTable(p.Type))
                .Select(p => new TableSpec(p.Name, TypeSpecBuilder.Build(TableRowType(p.Type)!), p.Ordinal));
            var outputType = Symbols.StreamRowType(define.ReturnType)!;
            string access = EffectiveAccess.Keyword(define.Parameters.Select(p => p.Type).Concat(new[] { define.ReturnType }));
            Header = new QuerySpec(Owner(declaration), _queryName, outputMode, inputs.ToEquatableArray(), 0,
                TypeSpecBuilder.Build(outputType), ImmutableEquatableArray<OperatorSpec>.Empty, access)
            {
                Tables = tables.ToEquatableArray(),
            };
            Syntax.Define = syntax.Identifier.GetLocation();

            var body = DefineBody(syntax);
            if (body is null) return null;
            var model = ModelFor(syntax.SyntaxTree);
            // Code the compiler rejects is reported by the compiler; generating from it would only add noise.
            if (model.GetDiagnostics(syntax.Span, _cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error)) return Silent();
            var chain = ReadChain(model, body, define);
            if (chain is null) return null;

            var (source, calls) = chain.Value;
            // A chain that starts at a static table is a join with the table on the left (CQ1202, CQ1203).
            if (IsStaticTable(source.Type)) return ParseTableOnLeft(model, source, calls);
            var operators = ParseOperators(model, InputIndex(source), source.Type, calls);
            if (operators is null) return null;
            return Header with { SourceIndex = InputIndex(source), Operators = operators };
        }

        private bool CheckSignature(IMethodSymbol define, MethodDeclarationSyntax syntax, IMethodSymbol[] defines)
        {
            const string Id = DiagnosticIds.QueryDefinitionInvalid;
            if (define.Parameters.Any(p => TypeNames.HasErrors(p.Type)) || TypeNames.HasErrors(define.ReturnType))
            {
                Silent();
                return false;
            }
            if (defines.Length > 1)
            {
                var second = defines[1].DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
                return Report(Id, second?.Identifier ?? syntax.Identifier, _queryName,
                    "declares 'Define' " + defines.Length + " times; keep a single 'Define' method");
            }
            if (!define.IsStatic)
                return Report(Id, syntax.Identifier, _queryName, "declares 'Define' without 'static'; write " + DefineExample);
            if (syntax.TypeParameterList is { } typeParameters)
                return Report(Id, typeParameters, _queryName, "declares a generic 'Define'; remove '" + typeParameters + "'");
            if (!Symbols.IsStream(define.ReturnType))
            {
                return Report(Id, syntax.ReturnType, _queryName, "has 'Define' returning '" + TypeNames.Display(define.ReturnType)
                    + "'; it must return the output stream, IStream<TOut> (end an aggregation with .Select(g => ...))");
            }
            for (int i = 0; i < define.Parameters.Length; i++)
            {
                var parameter = define.Parameters[i];
                if (!(Symbols.IsStream(parameter.Type) || IsStaticTable(parameter.Type)) || parameter.RefKind != RefKind.None || parameter.IsParams)
                {
                    return Report(Id, syntax.ParameterList.Parameters[i], _queryName, "has 'Define' parameter '" + parameter.Name
                        + "' of type '" + TypeNames.Display(parameter.Type) + "'; every parameter must be an input stream 'IStream<T> "
                        + parameter.Name + "' or a static table 'StaticTable<T> " + parameter.Name + "'");
                }
            }
            if (!define.Parameters.Any(p => Symbols.IsStream(p.Type)))
            {
                return Report(Id, syntax.ParameterList, _queryName,
                    "has 'Define' without inputs; add one 'IStream<TIn>' parameter per input stream");
            }
            if (syntax.Body is null && syntax.ExpressionBody is null)
                return Report(Id, syntax.Identifier, _queryName, "declares 'Define' without a body; write " + DefineExample);
            return true;
        }

        /// <summary>The expression <c>Define</c> returns: its expression body, or the only statement if that is a return.</summary>
        private ExpressionSyntax? DefineBody(MethodDeclarationSyntax syntax)
        {
            if (syntax.ExpressionBody is { } arrow) return arrow.Expression;
            var statements = syntax.Body!.Statements;
            if (statements.Count == 1 && statements[0] is ReturnStatementSyntax { Expression: { } returned }) return returned;
            var offending = statements.FirstOrDefault(s => s is not ReturnStatementSyntax) ?? (SyntaxNode)syntax.Body;
            Report(DiagnosticIds.QueryBodyNotAChain, offending, _queryName,
                "the body of 'Define' contains '" + LambdaRewriter.Display(offending) + "' instead of a single returned chain");
            return null;
        }

        /// <summary>Walks <c>input.A(...).B(...)</c> back to the input parameter; the calls come back in source order.</summary>
        private (IParameterSymbol Source, List<InvocationExpressionSyntax> Calls)? ReadChain(
            SemanticModel model, ExpressionSyntax body, IMethodSymbol define)
        {
            var calls = new List<InvocationExpressionSyntax>();
            var current = Unwrap(body);
            while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call)
            {
                calls.Add(call);
                current = Unwrap(access.Expression);
            }
            if (current is IdentifierNameSyntax
                && model.GetSymbolInfo(current, _cancellationToken).Symbol is IParameterSymbol parameter
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, define))
            {
                calls.Reverse();
                return (parameter, calls);
            }
            if (model.GetSymbolInfo(current, _cancellationToken).Symbol is null && current is IdentifierNameSyntax)
            {
                Silent();
                return null;
            }
            Report(DiagnosticIds.QueryBodyNotAChain, current, _queryName,
                "'" + LambdaRewriter.Display(current) + "' is not an input stream parameter of 'Define'");
            return null;
        }

        private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        expression = suppressed.Operand;
                        break;
                    default:
                        return expression;
                }
            }
        }

        private SemanticModel ModelFor(SyntaxTree tree) =>
            tree == _semanticModel.SyntaxTree ? _semanticModel : _semanticModel.Compilation.GetSemanticModel(tree);

        /// <summary>Gives up without a diagnostic: the compiler or an analyzer already reports the problem.</summary>
        private QuerySpec? Silent() => Silent<QuerySpec>();

        /// <inheritdoc cref="Silent()"/>
        private T? Silent<T>()
            where T : class
        {
            _reportedElsewhere = true;
            return null;
        }
    }
}
