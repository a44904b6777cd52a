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
                var method = call.TargetMethod;
                if (method.Name != KnownNames.StartMethod || !method.IsStatic) return;
                if (_symbols.TryGetQuery(method.ContainingType) is not { Mode: QueryMode.Update } query) return;
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter?.Type is not INamedTypeSymbol parameterType
                        || !SymbolEqualityComparer.Default.Equals(parameterType.OriginalDefinition, _sink))
                        continue;
                    if (AppendOnlyFactory(argument.Value, call, context.CancellationToken) is not { } factory) continue;
                    var factoryName = factory.ContainingType.Name + "." + factory.Name;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UpdateModeIntoAppendOnlySink,
                        argument.Value.Syntax.GetLocation(), query.Name, factoryName));
                }
            }

            /// <summary>
            /// The append-only factory that made the sink argument: a direct call, or the initializer of a
            /// local that is never assigned again.
            /// </summary>
            private static IMethodSymbol? AppendOnlyFactory(IOperation value, IInvocationOperation start, CancellationToken cancellationToken)
            {
                value = StreamCalls.Unwrap(value);
                if (value is ILocalReferenceOperation local)
                    value = SingleAssignment(local.Local, start, cancellationToken) ?? value;
                return value is IInvocationOperation { TargetMethod: var factory } && IsAppendOnlyFactory(factory) ? factory : null;
            }

            private static bool IsAppendOnlyFactory(IMethodSymbol method)
            {
                if (!method.IsStatic || (method.Name != KnownNames.JsonFilesSink && method.Name != KnownNames.CsvFilesSink)) return false;
                var type = method.ContainingType;
                if (type.Name != KnownNames.SinkFactoryClass) return false;
                var ns = type.ContainingNamespace.ToDisplayString();
                return ns == KnownNames.RootNamespace || ns == KnownNames.SinksNamespace;
            }

            /// <summary>The value <paramref name="local"/> is declared with, when nothing in its method assigns it again.</summary>
            private static IOperation? SingleAssignment(ILocalSymbol local, IInvocationOperation start, CancellationToken cancellationToken)
            {
                if (local.DeclaringSyntaxReferences.Length != 1) return null;
                if (local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
                    return null;
                if (start.SemanticModel is not { } model || initializer.SyntaxTree != model.SyntaxTree) return null;

                IOperation root = start;
                while (root.Parent is { } parent) root = parent;
                foreach (var operation in root.Descendants())
                {
                    if (IsWriteOf(operation, local)) return null;
                }
                return model.GetOperation(initializer, cancellationToken) is { } value ? StreamCalls.Unwrap(value) : null;
            }

            private static bool IsWriteOf(IOperation operation, ILocalSymbol local)
            {
                var target = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                    _ => null,
                };
                return target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
            }
        }
    }
}
