using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Copies a lambda body so it compiles inside generated code without the user's <c>using</c> directives: every type,
    /// namespace and static member is written <c>global::</c>-qualified, extension calls become static calls, and
    /// anonymous types become value tuples. Optional modes replace a group parameter's aggregates
    /// (<see cref="IGroupHost"/>) or retype a string parameter as <c>ReadOnlySpan&lt;char&gt;</c>.
    /// </summary>
    /// <remarks>Queries the semantic model with original nodes only; the rewritten tree has no semantic model.</remarks>
    internal sealed partial class LambdaRewriter : CSharpSyntaxRewriter
    {
        private readonly SemanticModel _model;
        private readonly SyntaxNode _root;
        private readonly IParameterSymbol? _spanParameter;
        private readonly IGroupHost? _group;
        private readonly HelperSet _helpers;
        private readonly CancellationToken _cancellationToken;
        private readonly List<RewriteProblem> _problems = new List<RewriteProblem>();

        private LambdaRewriter(SemanticModel model, SyntaxNode root, IParameterSymbol? spanParameter, IGroupHost? group,
            HelperSet helpers, CancellationToken cancellationToken)
            : base(visitIntoStructuredTrivia: false)
        {
            _model = model;
            _root = root;
            _spanParameter = spanParameter;
            _group = group;
            _helpers = helpers;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Problems found; the rewrite is unusable when any is present.</summary>
        public IReadOnlyList<RewriteProblem> Problems => _problems;

        /// <summary>True when the span parameter is used in a way a span cannot serve.</summary>
        public bool SpanFailed { get; private set; }

        /// <summary>Rewrites <paramref name="body"/> (an expression or block inside <paramref name="root"/>) to normalised text.</summary>
        public static (string Text, LambdaRewriter Rewriter) Rewrite(SemanticModel model, SyntaxNode root, CSharpSyntaxNode body,
            IParameterSymbol? spanParameter, IGroupHost? group, HelperSet helpers, CancellationToken cancellationToken)
        {
            var rewriter = new LambdaRewriter(model, root, spanParameter, group, helpers, cancellationToken);
            var rewritten = rewriter.Visit(body)!;
            if (spanParameter is not null && rewriter.SpanCapturedByNestedFunction(body)) rewriter.SpanFailed = true;
            return (rewritten.NormalizeWhitespace("    ", "\n").ToFullString(), rewriter);
        }

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            if (IsMemberNameOnly(node) || node.IsVar) return node;
            var symbol = SymbolOf(node);
            switch (symbol)
            {
                case null:
                    return node;
                case IParameterSymbol parameter:
                    CheckParameterUse(node, parameter);
                    return node;
                case ITypeParameterSymbol:
                    return node;
                case ITypeSymbol type:
                    return Type(node, type);
                case INamespaceSymbol ns:
                    return ns.IsGlobalNamespace ? node : Expression(node, "global::" + ns.ToDisplayString());
                case IMethodSymbol { MethodKind: not MethodKind.Ordinary }:
                    return node;
                case IFieldSymbol or IPropertySymbol or IEventSymbol or IMethodSymbol when symbol.IsStatic:
                    return Expression(node, TypeNames.Render(symbol.ContainingType, annotate: false) + "." + node.Identifier.Text);
                default:
                    return node;
            }
        }

        public override SyntaxNode? VisitGenericName(GenericNameSyntax node)
        {
            var typeArguments = (TypeArgumentListSyntax)VisitTypeArgumentList(node.TypeArgumentList)!;
            if (IsMemberNameOnly(node)) return node.WithTypeArgumentList(typeArguments);
            var symbol = SymbolOf(node);
            if (symbol is INamedTypeSymbol type) return Type(node, type);
            if (symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: true } method)
            {
                return Expression(node, TypeNames.Render(method.ContainingType, annotate: false) + "."
                    + node.WithTypeArgumentList(typeArguments).ToString());
            }
            return node.WithTypeArgumentList(typeArguments);
        }

        public override SyntaxNode? VisitQualifiedName(QualifiedNameSyntax node) => QualifiedTypeOrNamespace(node);

        public override SyntaxNode? VisitAliasQualifiedName(AliasQualifiedNameSyntax node) => QualifiedTypeOrNamespace(node);

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            var symbol = SymbolOf(node);
            if (symbol is INamespaceSymbol ns) return Expression(node, "global::" + ns.ToDisplayString());
            if (symbol is ITypeSymbol and not ITypeParameterSymbol) return Type(node, (ITypeSymbol)symbol);
            if (_group is not null && IsParameter(node.Expression, _group.Parameter))
            {
                if (node.Name.Identifier.ValueText == "Key" && symbol is IPropertySymbol) return Expression(node, GeneratedNames.Key);
                AddProblem(RewriteProblemKind.Unsupported, node, node.ToString());
                return node;
            }
            if (_spanParameter is not null && IsParameter(node.Expression, _spanParameter))
            {
                if (node.Name.Identifier.ValueText != "Length") SpanFailed = true;
                return node;
            }

            var expression = (ExpressionSyntax)Visit(node.Expression)!;
            SimpleNameSyntax name = node.Name;
            if (symbol is IPropertySymbol { ContainingType.IsAnonymousType: true } property
                && TypeNames.AnonymousProperties(property.ContainingType).Length == 1)
            {
                // A one-member anonymous type became ValueTuple<T>, which has no element names.
                name = SyntaxFactory.IdentifierName("Item1").WithTriviaFrom(node.Name);
            }
            else
            {
                name = (SimpleNameSyntax)Visit(node.Name)!;
            }
            return node.Update(expression, node.OperatorToken, name);
        }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (_group is not null && node.Expression is MemberAccessExpressionSyntax groupCall
                && IsParameter(groupCall.Expression, _group.Parameter))
            {
                if (SymbolOf(node) is not IMethodSymbol aggregate) return node;
                string? replacement = _group.Aggregate(node, aggregate);
                return replacement is null ? node : Expression(node, "(" + replacement + ")");
            }
            if (node.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" }
                && _model.GetConstantValue(node, _cancellationToken) is { HasValue: true, Value: string name })
            {
                // nameof(global::T) does not compile, and the name is a constant anyway.
                return Expression(node, SymbolDisplay.FormatLiteral(name, quote: true));
            }
            if (SymbolOf(node) is not IMethodSymbol method) return base.VisitInvocationExpression(node);
            if (TrySpanStringCall(node, method, out var spanCall)) return spanCall;
            if (TryCharPredicate(node, method, out var helperCall)) return helperCall;
            if (method.MethodKind == MethodKind.ReducedExtension && method.ReducedFrom is { } extension
                && node.Expression is MemberAccessExpressionSyntax access)
            {
                // x.Ext(a) needs the extension's namespace imported; Type.Ext(x, a) does not.
                var receiver = (ExpressionSyntax)Visit(access.Expression)!;
                var arguments = (ArgumentListSyntax)VisitArgumentList(node.ArgumentList)!;
                string target = TypeNames.Render(extension.ContainingType, annotate: false) + "." + method.Name;
                if (access.Name is GenericNameSyntax)
                {
                    target += "<" + string.Join(", ", method.TypeArguments.Select(t => TypeNames.Render(t, annotate: true))) + ">";
                }
                var all = SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(receiver.WithoutTrivia()) }.Concat(arguments.Arguments));
                return SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression(target), SyntaxFactory.ArgumentList(all))
                    .WithTriviaFrom(node);
            }
            return base.VisitInvocationExpression(node);
        }

        public override SyntaxNode? VisitAnonymousObjectCreationExpression(AnonymousObjectCreationExpressionSyntax node)
        {
            if (_model.GetTypeInfo(node, _cancellationToken).Type is not INamedTypeSymbol { IsAnonymousType: true } type)
                return base.VisitAnonymousObjectCreationExpression(node);
            var properties = TypeNames.AnonymousProperties(type);
            var values = node.Initializers.Select(i => Visit(i.Expression)!.ToString()).ToArray();
            if (values.Length != properties.Length) return base.VisitAnonymousObjectCreationExpression(node);
            string text = values.Length switch
            {
                0 => "default(global::System.ValueTuple)",
                1 => "new global::System.ValueTuple<" + TypeNames.Render(properties[0].Type, annotate: true) + ">(" + values[0] + ")",
                _ => "(" + string.Join(", ", properties.Select((p, i) => p.Name + ": " + values[i])) + ")",
            };
            return Expression(node, text);
        }

        public override SyntaxNode? VisitQueryExpression(QueryExpressionSyntax node)
        {
            // Query syntax binds Select/Where through the user's usings, which generated code does not have.
            AddProblem(RewriteProblemKind.Unsupported, node, "a query expression inside a lambda (write it with method calls)");
            return node;
        }

        public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
        {
            if (TrySpanEquality(node, out var replaced)) return replaced;
            return base.VisitBinaryExpression(node);
        }

        private SyntaxNode QualifiedTypeOrNamespace(NameSyntax node)
        {
            var symbol = SymbolOf(node);
            if (symbol is INamespaceSymbol ns) return ns.IsGlobalNamespace ? node : Type(node, "global::" + ns.ToDisplayString());
            if (symbol is ITypeSymbol type and not ITypeParameterSymbol) return Type(node, type);
            return node;
        }

        private void CheckParameterUse(IdentifierNameSyntax node, IParameterSymbol parameter)
        {
            if (_group is not null && SymbolEqualityComparer.Default.Equals(parameter, _group.Parameter))
            {
                // A group is only read through g.Key and aggregate calls; name the expression that uses it otherwise.
                var user = node.Ancestors().OfType<ExpressionSyntax>().FirstOrDefault() ?? (SyntaxNode)node;
                AddProblem(RewriteProblemKind.Unsupported, user, Display(user));
            }
            else if (_spanParameter is not null && SymbolEqualityComparer.Default.Equals(parameter, _spanParameter))
            {
                // Indexing reads a char from a span exactly as from a string, and a ReadOnlySpan<char> parameter gets the
                // characters the string would convert to; anything else needs the string.
                bool spanServes = node.Parent is ElementAccessExpressionSyntax element && element.Expression == node
                    || PassedAsCharSpan(node);
                if (!spanServes) SpanFailed = true;
            }
            else if (!IsDeclaredInside(parameter))
            {
                AddProblem(RewriteProblemKind.OuterReference, node, node.Identifier.Text);
            }
        }

        /// <summary>
        /// True when <paramref name="node"/> is an argument, or an extension call's receiver, bound to a
        /// <c>ReadOnlySpan&lt;char&gt;</c> parameter: the string would convert implicitly, so the span piece can go as it is.
        /// </summary>
        private bool PassedAsCharSpan(IdentifierNameSyntax node)
        {
            if (node.Parent is ArgumentSyntax argument)
            {
                return argument.RefKindKeyword.IsKind(SyntaxKind.None)
                    && _model.GetOperation(argument, _cancellationToken) is IArgumentOperation { Parameter: { } parameter }
                    && IsCharSpan(parameter.Type);
            }
            return node.Parent is MemberAccessExpressionSyntax access && access.Expression == node
                && access.Parent is InvocationExpressionSyntax call && call.Expression == access
                && SymbolOf(call) is IMethodSymbol { MethodKind: MethodKind.ReducedExtension, ReducedFrom: { } extension }
                && IsCharSpan(extension.Parameters[0].Type);
        }

        private static bool IsCharSpan(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "ReadOnlySpan", Arity: 1 } span
            && span.TypeArguments[0].SpecialType == SpecialType.System_Char
            && Symbols.IsNamespace(span.ContainingNamespace, "System");

        /// <summary>True when a lambda or local function inside the body uses the span parameter: it cannot capture a span.</summary>
        private bool SpanCapturedByNestedFunction(CSharpSyntaxNode body) =>
            body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == _spanParameter!.Name
                    && SymbolEqualityComparer.Default.Equals(SymbolOf(n), _spanParameter))
                .Any(n => n.Ancestors().TakeWhile(a => a != _root)
                    .Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

        private bool IsDeclaredInside(ISymbol symbol) =>
            symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == _root.SyntaxTree && _root.Span.Contains(r.Span));

        private bool IsParameter(ExpressionSyntax expression, IParameterSymbol parameter) =>
            expression is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(SymbolOf(expression), parameter);

        /// <summary>Names that only select a member or label an argument; their meaning comes from the parent.</summary>
        private static bool IsMemberNameOnly(SimpleNameSyntax node) => node.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Name == node,
            MemberBindingExpressionSyntax => true,
            QualifiedNameSyntax qualified => qualified.Right == node,
            NameColonSyntax or NameEqualsSyntax => true,
            AssignmentExpressionSyntax assignment => assignment.Left == node && assignment.Parent is InitializerExpressionSyntax,
            _ => false,
        };

        private ISymbol? SymbolOf(SyntaxNode node)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var info = _model.GetSymbolInfo(node, _cancellationToken);
            return info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        }

        private void AddProblem(RewriteProblemKind kind, SyntaxNode node, string text) =>
            _problems.Add(new RewriteProblem(kind, node, text));

        private static SyntaxNode Type(SyntaxNode original, ITypeSymbol type) => Type(original, TypeNames.Render(type, annotate: true));

        private static SyntaxNode Type(SyntaxNode original, string text) =>
            SyntaxFactory.ParseTypeName(text).WithTriviaFrom(original);

        private static SyntaxNode Expression(SyntaxNode original, string text) =>
            SyntaxFactory.ParseExpression(text).WithTriviaFrom(original);

        /// <summary>The text of <paramref name="node"/> on one line, shortened, for plan comments.</summary>
        public static string Display(SyntaxNode node)
        {
            const int MaxLength = 60;
            string text = string.Join(" ", node.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
            return text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 3) + "...";
        }
    }
}
