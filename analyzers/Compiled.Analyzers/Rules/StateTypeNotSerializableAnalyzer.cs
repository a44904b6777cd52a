using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1403: a type kept in state that the generator cannot serialise — a <c>GroupBy</c> key, the value
    /// of a <c>Min</c> / <c>Max</c> / <c>CountDistinct</c> aggregate, or the rows <c>Distinct</c> remembers.
    /// <see cref="StateTypeChecker"/> holds the rule itself.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class StateTypeNotSerializableAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.StateTypeNotSerializable);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                var analyzer = new AnalyzerContext(symbols, new StateTypeChecker(start.Compilation));
                QueryBodies.Register(start, symbols, analyzer.AnalyzeQueryBody);
            });
        }

        /// <summary>Per-compilation state: the DSL types and the serialisability rule's well-known types.</summary>
        private sealed class AnalyzerContext
        {
            private readonly CompiledSymbols _symbols;
            private readonly StateTypeChecker _checker;

            public AnalyzerContext(CompiledSymbols symbols, StateTypeChecker checker)
            {
                _symbols = symbols;
                _checker = checker;
            }

            public void AnalyzeQueryBody(OperationBlockStartAnalysisContext block, QueryInfo query) =>
                block.RegisterOperationAction(context => AnalyzeInvocation(context, query), OperationKind.Invocation);

            private void AnalyzeInvocation(OperationAnalysisContext context, QueryInfo query)
            {
                var call = (IInvocationOperation)context.Operation;
                var (what, type) = StateOf(call.TargetMethod);
                if (what is null || type is null) return;
                if (_checker.WhyNotSerializable(type) is not { } reason) return;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StateTypeNotSerializable, StreamCalls.CallLocation(call),
                    what, query.Name, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), reason));
            }

            /// <summary>What state <paramref name="method"/> keeps, and its type; a null type when it keeps none.</summary>
            private (string? What, ITypeSymbol? Type) StateOf(IMethodSymbol method)
            {
                if (_symbols.IsStreamOperator(method, KnownNames.GroupBy)
                    || _symbols.IsStreamOperator(method, KnownNames.GroupByRollup)
                    || _symbols.IsStreamOperator(method, KnownNames.GroupByCube))
                    return ($"The {method.Name} key", method.TypeArguments[0]);
                if (_symbols.IsGroupAggregate(method, KnownNames.Min)
                    || _symbols.IsGroupAggregate(method, KnownNames.Max)
                    || _symbols.IsGroupAggregate(method, KnownNames.CountDistinct))
                    return ($"The value of {method.Name}", method.TypeArguments[0]);
                if (_symbols.IsStreamOperator(method, KnownNames.Distinct))
                    return ("Each row kept by Distinct", method.ContainingType.TypeArguments[0]);
                return (null, null);
            }
        }
    }
}
