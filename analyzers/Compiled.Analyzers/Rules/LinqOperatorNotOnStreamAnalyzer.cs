using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1405: a call on a stream, grouped stream or group to a method the DSL does not have, which C# then
    /// looked for among the LINQ extension methods in scope (<c>System.Linq.Enumerable</c>, .NET 10's
    /// <c>System.Linq.AsyncEnumerable</c>, …). The compiler's own error names that library, e.g. CS0411 on
    /// <c>AsyncEnumerable.Join</c>; this one names the stream and what to write instead.
    /// </summary>
    /// <remarks>
    /// Works on syntax plus the binder's candidates because the call does not bind: there is no
    /// <c>IInvocationOperation</c> to look at. A call whose candidates include a DSL method (a wrong argument
    /// to a real operator) is left to the compiler, whose message already names the DSL method. Compilers
    /// before C# 14 list no candidates for these calls (CS1061); the LINQ classes are then searched by name,
    /// so the rule reads the same whichever compiler hosts it.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LinqOperatorNotOnStreamAnalyzer : DiagnosticAnalyzer
    {
        private const string StreamOperators =
            "The stream operators are Where, Select, SelectMany, GroupBy(...).Select(...), Distinct, WithWatermark, OrderBy, OrderByDescending, Take and Skip";

        private const string GroupAggregates =
            "A group's aggregates are Count, LongCount, CountDistinct, Sum, Min, Max and Average, each over the group's rows";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.LinqOperatorNotOnStream);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                var linq = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (string name in LinqClasses)
                {
                    if (start.Compilation.GetTypeByMetadataName(name) is { } type) linq.Add(type);
                }
                var linqClasses = linq.ToImmutable();
                start.RegisterSyntaxNodeAction(c => Analyze(c, symbols, linqClasses), SyntaxKind.InvocationExpression);
            });
        }

        /// <summary>The LINQ classes whose extension methods a stream call can fall into, in the order C# 14 names them.</summary>
        private static readonly string[] LinqClasses = { "System.Linq.AsyncEnumerable", "System.Linq.Enumerable" };

        private static void Analyze(SyntaxNodeAnalysisContext context, CompiledSymbols symbols, ImmutableArray<INamedTypeSymbol> linqClasses)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (invocation.Expression is not MemberAccessExpressionSyntax access) return;
            var info = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken);
            if (info.Symbol is not null) return;
            string name = access.Name.Identifier.ValueText;

            var receiver = context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type;
            var dslType = DslTypeOf(receiver, symbols);
            if (dslType is null) return;

            INamedTypeSymbol? library = null;
            foreach (var candidate in info.CandidateSymbols)
            {
                var owner = candidate.ContainingType?.OriginalDefinition;
                if (owner is null || IsDsl(owner, symbols)) return;
                library ??= owner;
            }
            if (library is null)
            {
                foreach (var linq in linqClasses)
                {
                    if (!linq.GetMembers(name).IsEmpty)
                    {
                        library = linq;
                        break;
                    }
                }
            }
            // Not a LINQ name either: the compiler's CS1061 already says the stream has no such member.
            if (library is null) return;

            string advice = SymbolEqualityComparer.Default.Equals(dslType, symbols.Group) ? GroupAggregates : Advice(name);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LinqOperatorNotOnStream, access.Name.GetLocation(),
                name, dslType.ToDisplayString(), library.ToDisplayString(), advice));
        }

        /// <summary>The DSL interface <paramref name="type"/> is or implements, unbound; null for any other type.</summary>
        private static INamedTypeSymbol? DslTypeOf(ITypeSymbol? type, CompiledSymbols symbols)
        {
            if (type is not INamedTypeSymbol named) return null;
            if (IsDsl(named.OriginalDefinition, symbols)) return named.OriginalDefinition;
            foreach (var implemented in named.AllInterfaces)
            {
                if (IsDsl(implemented.OriginalDefinition, symbols)) return implemented.OriginalDefinition;
            }
            return null;
        }

        private static bool IsDsl(INamedTypeSymbol type, CompiledSymbols symbols) =>
            SymbolEqualityComparer.Default.Equals(type, symbols.Stream)
            || SymbolEqualityComparer.Default.Equals(type, symbols.GroupedStream)
            || SymbolEqualityComparer.Default.Equals(type, symbols.Group);

        /// <summary>What to write instead of the LINQ operator <paramref name="name"/> on a stream.</summary>
        private static string Advice(string name)
        {
            switch (name)
            {
                case "Join":
                case "GroupJoin":
                case "LeftJoin":
                case "RightJoin":
                case "Zip":
                    return "Join a stream with Join(other, leftKey, rightKey, (l, r) => ..., JoinType.LeftOuter), with another stream or a StaticTable<T>; SemiJoin and AntiJoin keep rows with or without a match. " + StreamOperators;
                case "Concat":
                case "Union":
                case "UnionBy":
                case "Append":
                case "Prepend":
                    return "Streams cannot be combined yet: read both inputs through one source, or run one query per input into the same sink. " + StreamOperators;
                case "Count":
                case "LongCount":
                case "Sum":
                case "Min":
                case "Max":
                case "Average":
                case "Aggregate":
                case "CountBy":
                case "AggregateBy":
                    return "A stream has no end, so a total over all of it is never final: aggregate per key with GroupBy(key).Select(g => ...), e.g. g.Count() or g.Sum(...), which the query updates every batch";
                case "First":
                case "FirstOrDefault":
                case "Last":
                case "LastOrDefault":
                case "Single":
                case "SingleOrDefault":
                case "ElementAt":
                case "Any":
                case "All":
                case "Contains":
                case "ToList":
                case "ToArray":
                case "ToDictionary":
                case "ToHashSet":
                case "ToListAsync":
                case "ToArrayAsync":
                    return "A stream is not a collection: its rows arrive batch by batch without end. Filter with Where, and read the results from the query's sink";
                default:
                    return StreamOperators;
            }
        }
    }
}
