using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1302: <c>Take</c> in <c>OutputMode.Update</c> (Spark SS-L1) and <c>Skip</c> in any mode (SS-L2).
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class LimitOrOffsetOnStreamAnalyzer : DiagnosticAnalyzer
    {
        private const string TakeReason =
            "keeps the first rows of a result in OutputMode.Update, but a row updated later can move in or out of that limit, and Update mode cannot take back a row it has already written";
        private const string TakeAdvice =
            "Use OutputMode.Complete to keep the top rows of an aggregation, or OutputMode.Append for the first rows of the stream";
        private const string SkipReason =
            "drops the first rows of an unbounded stream, but which rows come first depends on how the input is split into batches, so a restart would skip different rows";
        private const string SkipAdvice =
            "Filter the rows with Where on a column instead";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.LimitOrOffsetOnStream);

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
                if (_symbols.IsStreamOperator(method, KnownNames.Skip))
                {
                    (reason, advice) = (SkipReason, SkipAdvice);
                }
                else if (_symbols.IsStreamOperator(method, KnownNames.Take) && query.Mode == QueryMode.Update)
                {
                    (reason, advice) = (TakeReason, TakeAdvice);
                }
                else
                {
                    return;
                }
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LimitOrOffsetOnStream, StreamCalls.CallLocation(call),
                    method.Name, query.Name, reason, advice));
            }
        }
    }
}
