using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1303: a distinct aggregate (<c>g.CountDistinct(…)</c>, Spark SS-A1) or grouping sets
    /// (<c>GroupByRollup</c>, <c>GroupByCube</c>, Spark SS-A2).
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class DistinctAggregateOrGroupingSetsAnalyzer : DiagnosticAnalyzer
    {
        private const string DistinctReason =
            "is a distinct aggregate: every distinct value of every group would have to stay in state for ever, because any later row might repeat one of them";
        private const string DistinctAdvice =
            "Group by the key and the value together (GroupBy(x => (x.Key, x.Value))) and count the rows per key where the output is read";
        private const string GroupingSetsReason =
            "groups by grouping sets, which a stream cannot maintain: each level of the rollup or cube is a separate aggregation with its own state";
        private const string GroupingSetsAdvice =
            "Write one query per grouping level, each with a plain GroupBy";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DistinctAggregateOrGroupingSets);

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

            public void AnalyzeQueryBody(OperationBlockStartAnalysisContext block, QueryInfo query) =>
                block.RegisterOperationAction(context => AnalyzeInvocation(context, query), OperationKind.Invocation);

            private void AnalyzeInvocation(OperationAnalysisContext context, QueryInfo query)
            {
                var call = (IInvocationOperation)context.Operation;
                var method = call.TargetMethod;
                string reason, advice;
                if (_symbols.IsGroupAggregate(method, KnownNames.CountDistinct))
                {
                    (reason, advice) = (DistinctReason, DistinctAdvice);
                }
                else if (_symbols.IsStreamOperator(method, KnownNames.GroupByRollup) || _symbols.IsStreamOperator(method, KnownNames.GroupByCube))
                {
                    (reason, advice) = (GroupingSetsReason, GroupingSetsAdvice);
                }
                else
                {
                    return;
                }
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DistinctAggregateOrGroupingSets, StreamCalls.CallLocation(call),
                    method.Name, query.Name, reason, advice));
            }
        }
    }
}
