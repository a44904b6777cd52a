using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1002: an aggregation in <c>OutputMode.Append</c> whose grouping has no event-time window over a
    /// watermarked column (Spark SS-O1). Append writes each row once, so it needs to know when a group is
    /// final; only a watermark can say so. The DSL has no watermark yet, so every Append aggregation is reported,
    /// on its <c>GroupBy</c> call.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class AppendModeAggregationWithoutWatermarkAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AppendModeAggregationWithoutWatermark);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                var analyzer = new AnalyzerContext(symbols);
                QueryBodies.Register(start, symbols, analyzer.AnalyzeQueryBody);
            });
        }

        /// <summary>Per-compilation state: the resolved DSL types.</summary>
        private sealed class AnalyzerContext
        {
            private readonly CompiledSymbols _symbols;

            public AnalyzerContext(CompiledSymbols symbols) => _symbols = symbols;

            public void AnalyzeQueryBody(OperationBlockStartAnalysisContext block, QueryInfo query)
            {
                if (query.Mode != QueryMode.Append) return;
                block.RegisterOperationAction(context => AnalyzeInvocation(context, query), OperationKind.Invocation);
            }

            private void AnalyzeInvocation(OperationAnalysisContext context, QueryInfo query)
            {
                var call = (IInvocationOperation)context.Operation;
                if (!_symbols.IsStreamOperator(call.TargetMethod, KnownNames.GroupBy)) return;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppendModeAggregationWithoutWatermark,
                    StreamCalls.CallLocation(call), query.Name));
            }
        }
    }
}
