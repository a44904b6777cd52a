using System.Collections.Immutable;
using System.Threading;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1001: <c>OutputMode.Complete</c> on a query with no aggregation (Spark SS-O3). Reported on the
    /// attribute's mode argument, which is what the code fix changes.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class CompleteModeWithoutAggregationAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CompleteModeWithoutAggregation);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                var analyzer = new AnalyzerContext(symbols);
                start.RegisterOperationBlockAction(analyzer.AnalyzeBlock);
            });
        }

        /// <summary>Per-compilation state: the resolved DSL types.</summary>
        private sealed class AnalyzerContext
        {
            private readonly CompiledSymbols _symbols;

            public AnalyzerContext(CompiledSymbols symbols) => _symbols = symbols;

            public void AnalyzeBlock(OperationBlockAnalysisContext context)
            {
                if (!_symbols.IsQueryDefinition(context.OwningSymbol)) return;
                if (_symbols.TryGetQuery(context.OwningSymbol.ContainingType) is not { Mode: QueryMode.Complete } query) return;
                if (HasAggregation(context.OperationBlocks)) return;
                var location = ModeArgumentLocation(query, context.CancellationToken);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CompleteModeWithoutAggregation, location, query.Name));
            }

            private bool HasAggregation(ImmutableArray<IOperation> blocks)
            {
                foreach (var block in blocks)
                {
                    foreach (var operation in block.DescendantsAndSelf())
                    {
                        if (operation is IInvocationOperation call && _symbols.IsAggregation(call.TargetMethod))
                            return true;
                    }
                }
                return false;
            }

            /// <summary>The <c>OutputMode.Complete</c> argument; the attribute or the class when it cannot be found.</summary>
            private static Location ModeArgumentLocation(QueryInfo query, CancellationToken cancellationToken)
            {
                if (query.Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax attribute)
                    return query.Type.Locations[0];
                if (attribute.ArgumentList is { } arguments)
                {
                    foreach (var argument in arguments.Arguments)
                    {
                        // The mode is the constructor's only parameter; named properties (Name = …) come with '='.
                        if (argument.NameEquals is null) return argument.Expression.GetLocation();
                    }
                }
                return attribute.GetLocation();
            }
        }
    }
}
