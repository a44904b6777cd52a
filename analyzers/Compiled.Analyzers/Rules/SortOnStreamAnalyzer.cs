using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1301: <c>OrderBy</c> / <c>OrderByDescending</c> on a stream, unless it sorts the result of an
    /// aggregation in <c>OutputMode.Complete</c> (Spark SS-L3: sorting needs the complete data).
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class SortOnStreamAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SortOnStream);

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
                // An unreadable mode is the compiler's error to report; guessing here would only add noise.
                if (query.Mode == QueryMode.Unknown) return;
                block.RegisterOperationAction(context => AnalyzeInvocation(context, query), OperationKind.Invocation);
            }

            private void AnalyzeInvocation(OperationAnalysisContext context, QueryInfo query)
            {
                var call = (IInvocationOperation)context.Operation;
                var method = call.TargetMethod;
                if (!_symbols.IsStreamOperator(method, KnownNames.OrderBy) && !_symbols.IsStreamOperator(method, KnownNames.OrderByDescending))
                    return;

                var upstream = StreamCalls.Upstream(call, _symbols);
                string advice;
                if (query.Mode == QueryMode.Complete)
                {
                    // Sorting the complete result of an aggregation is what Spark allows; when the chain
                    // cannot be followed to the input, the aggregation may be hidden, so stay quiet.
                    if (upstream.HasAggregation || !upstream.ReachesInput) return;
                    advice = "Sort after a GroupBy(...).Select(...), or sort where the sink's output is read";
                }
                else
                {
                    advice = upstream.HasAggregation
                        ? "Switch the query to OutputMode.Complete to sort the aggregated result, or sort where the sink's output is read"
                        : "Remove the sort and order the rows where the sink's output is read (for example in ForeachBatch)";
                }
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SortOnStream, StreamCalls.CallLocation(call),
                    method.Name, query.Name, advice));
            }
        }
    }
}
