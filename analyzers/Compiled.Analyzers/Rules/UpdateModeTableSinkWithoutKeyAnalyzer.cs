using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1007: a query in <c>OutputMode.Update</c> started into a table sink (a factory returning
    /// <c>Compiled.Sinks.Tables.TableSink&lt;T&gt;</c>, such as <c>Sink.Sqlite</c> or <c>Sink.Postgres</c>) that has no key
    /// to upsert on: no key selector argument, and no member of the row type marked <c>[TableKey]</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UpdateModeTableSinkWithoutKeyAnalyzer : DiagnosticAnalyzer
    {
        private const string TableSinkMetadataName = "Compiled.Sinks.Tables.TableSink`1";
        private const string TableKeyMetadataName = "Compiled.Sinks.Tables.TableKeyAttribute";

        /// <summary>The name of the table-sink factories' key selector parameter.</summary>
        private const string KeyParameterName = "key";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.UpdateModeTableSinkWithoutKey);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                if (start.Compilation.GetTypeByMetadataName(KnownNames.Sink) is not { } sink) return;
                if (start.Compilation.GetTypeByMetadataName(TableSinkMetadataName) is not { } tableSink) return;
                if (start.Compilation.GetTypeByMetadataName(TableKeyMetadataName) is not { } tableKey) return;
                var analyzer = new AnalyzerContext(symbols, sink, tableSink, tableKey);
                start.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        /// <summary>Per-compilation state: the resolved DSL types.</summary>
        private sealed class AnalyzerContext
        {
            private readonly CompiledSymbols _symbols;
            private readonly INamedTypeSymbol _sink;
            private readonly INamedTypeSymbol _tableSink;
            private readonly INamedTypeSymbol _tableKey;

            public AnalyzerContext(CompiledSymbols symbols, INamedTypeSymbol sink, INamedTypeSymbol tableSink, INamedTypeSymbol tableKey)
            {
                _symbols = symbols;
                _sink = sink;
                _tableSink = tableSink;
                _tableKey = tableKey;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var call = (IInvocationOperation)context.Operation;
                if (SinkArguments.UpdateQueryStart(call, _symbols, _sink, out var sinkArguments) is not { } query) return;
                foreach (var argument in sinkArguments)
                {
                    if (SinkArguments.FactoryCall(argument.Value, call, context.CancellationToken) is not { } factory) continue;
                    if (RowTypeOf(factory.TargetMethod.ReturnType) is not { } rowType) continue;
                    if (HasKeySelector(factory) || HasKeyMember(rowType)) continue;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UpdateModeTableSinkWithoutKey,
                        argument.Value.Syntax.GetLocation(), query.Name, factory.TargetMethod.Name, rowType.Name));
                }
            }

            /// <summary>The row type when <paramref name="type"/> is or derives from <c>TableSink&lt;T&gt;</c>.</summary>
            private ITypeSymbol? RowTypeOf(ITypeSymbol type)
            {
                for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _tableSink)) return current.TypeArguments[0];
                }
                return null;
            }

            /// <summary>True when the factory call passes a key selector that is not a null literal.</summary>
            private static bool HasKeySelector(IInvocationOperation factory)
            {
                foreach (var argument in factory.Arguments)
                {
                    if (argument.Parameter?.Name != KeyParameterName || argument.ArgumentKind == ArgumentKind.DefaultValue) continue;
                    return StreamCalls.Unwrap(argument.Value) is not ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
                }
                return false;
            }

            /// <summary>True when a property or field of the type (or a base type), or a constructor parameter, is marked <c>[TableKey]</c>.</summary>
            private bool HasKeyMember(ITypeSymbol rowType)
            {
                for (var type = rowType; type is not null; type = type.BaseType)
                {
                    foreach (var member in type.GetMembers())
                    {
                        if (member is IPropertySymbol or IFieldSymbol && HasTableKey(member)) return true;
                        if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
                        {
                            foreach (var parameter in constructor.Parameters)
                            {
                                if (HasTableKey(parameter)) return true;
                            }
                        }
                    }
                }
                return false;
            }

            private bool HasTableKey(ISymbol symbol)
            {
                foreach (var attribute in symbol.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _tableKey)) return true;
                }
                return false;
            }
        }
    }
}
