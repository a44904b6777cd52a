using System.Collections.Immutable;
using System.Threading;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1005: a query in <c>OutputMode.Update</c> started into a sink that can only append
    /// (<c>Sink.JsonFiles</c>, <c>Sink.CsvFiles</c>). <c>Start</c> is generated, so the rule looks at calls
    /// of a static <c>Start</c> method on a <c>[StreamingQuery]</c> class and reads the mode from its attribute.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class UpdateModeIntoAppendOnlySinkAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.UpdateModeIntoAppendOnlySink);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                if (start.Compilation.GetTypeByMetadataName(KnownNames.Sink) is not { } sink) return;
                var analyzer = new AnalyzerContext(symbols, sink);
                start.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        /// <summary>Per-compilation state: the resolved DSL types and <c>ISink&lt;T&gt;</c>.</summary>
        private sealed class AnalyzerContext
        {
            private readonly CompiledSymbols _symbols;
            private readonly INamedTypeSymbol _sink;

            public AnalyzerContext(CompiledSymbols symbols, INamedTypeSymbol sink)
            {
                _symbols = symbols;
                _sink = sink;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var call = (IInvocationOperation)context.Operation;
                if (SinkArguments.UpdateQueryStart(call, _symbols, _sink, out var sinkArguments) is not { } query) return;
                foreach (var argument in sinkArguments)
                {
                    if (AppendOnlyFactory(argument.Value, call, context.CancellationToken) is not { } factory) continue;
                    var factoryName = factory.ContainingType.Name + "." + factory.Name;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UpdateModeIntoAppendOnlySink,
                        argument.Value.Syntax.GetLocation(), query.Name, factoryName));
                }
            }

            /// <summary>The append-only factory that made the sink argument, directly or through a local assigned once.</summary>
            private static IMethodSymbol? AppendOnlyFactory(IOperation value, IInvocationOperation start, CancellationToken cancellationToken) =>
                SinkArguments.FactoryCall(value, start, cancellationToken) is { TargetMethod: var factory } && IsAppendOnlyFactory(factory) ? factory : null;

            private static bool IsAppendOnlyFactory(IMethodSymbol method)
            {
                if (!method.IsStatic || (method.Name != KnownNames.JsonFilesSink && method.Name != KnownNames.CsvFilesSink)) return false;
                var type = method.ContainingType;
                if (type.Name != KnownNames.SinkFactoryClass) return false;
                var ns = type.ContainingNamespace.ToDisplayString();
                return ns == KnownNames.RootNamespace || ns == KnownNames.SinksNamespace;
            }
        }
    }
}
