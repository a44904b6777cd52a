using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1401: a non-deterministic call in a query body — the wall clock (<c>DateTime.Now</c>, <c>UtcNow</c>,
    /// <c>Today</c>, <c>DateTimeOffset.Now</c>, <c>UtcNow</c>, <c>TimeProvider.GetUtcNow</c>…), new ids
    /// (<c>Guid.NewGuid</c>, <c>Guid.CreateVersion7</c>), randomness (any member or construction of
    /// <c>Random</c> or <c>RandomNumberGenerator</c>) and timers (<c>Environment.TickCount</c>, <c>Stopwatch</c>).
    /// A batch replayed after a failure must compute exactly the rows of its first run.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class NonDeterministicCallAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.NonDeterministicCall);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                var analyzer = new AnalyzerContext(start.Compilation);
                QueryBodies.Register(start, symbols, analyzer.AnalyzeQueryBody);
            });
        }

        /// <summary>Why a member is not deterministic; selects the advice in the message.</summary>
        private enum Source
        {
            None,
            Clock,
            NewId,
            Random,
            Timer,
        }

        /// <summary>Per-compilation state: the framework types whose members are not deterministic.</summary>
        private sealed class AnalyzerContext
        {
            private readonly INamedTypeSymbol _dateTime;
            private readonly INamedTypeSymbol? _dateTimeOffset;
            private readonly INamedTypeSymbol? _timeProvider;
            private readonly INamedTypeSymbol? _guid;
            private readonly INamedTypeSymbol? _environment;
            private readonly INamedTypeSymbol? _random;
            private readonly INamedTypeSymbol? _randomNumberGenerator;
            private readonly INamedTypeSymbol? _stopwatch;

            public AnalyzerContext(Compilation compilation)
            {
                _dateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
                _dateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
                _timeProvider = compilation.GetTypeByMetadataName("System.TimeProvider");
                _guid = compilation.GetTypeByMetadataName("System.Guid");
                _environment = compilation.GetTypeByMetadataName("System.Environment");
                _random = compilation.GetTypeByMetadataName("System.Random");
                _randomNumberGenerator = compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
                _stopwatch = compilation.GetTypeByMetadataName("System.Diagnostics.Stopwatch");
            }

            public void AnalyzeQueryBody(OperationBlockStartAnalysisContext block, QueryInfo query) =>
                block.RegisterOperationAction(context => AnalyzeOperation(context, query),
                    OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.ObjectCreation, OperationKind.MethodReference);

            private void AnalyzeOperation(OperationAnalysisContext context, QueryInfo query)
            {
                var operation = context.Operation;
                var (member, instance) = MemberOf(operation);
                if (member is null) return;
                var source = Classify(member);
                if (source == Source.None) return;
                // Random.Shared.Next() and Stopwatch.StartNew().Elapsed are one mistake: report the first part only.
                if (instance is not null && MemberOf(StreamCalls.Unwrap(instance)).Member is { } inner && Classify(inner) != Source.None)
                    return;

                var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor }
                    ? "new " + member.ContainingType.Name
                    : member.ContainingType.Name + "." + member.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NonDeterministicCall, operation.Syntax.GetLocation(),
                    name, query.Name, Advice(source)));
            }

            private static (ISymbol? Member, IOperation? Instance) MemberOf(IOperation operation) => operation switch
            {
                IInvocationOperation call => (call.TargetMethod, call.Instance),
                IObjectCreationOperation creation => (creation.Constructor, null),
                IMemberReferenceOperation reference => (reference.Member, reference.Instance),
                _ => (null, null),
            };

            private Source Classify(ISymbol member)
            {
                var type = member.ContainingType;
                if (type is null) return Source.None;
                var name = member.Name;
                if (Is(type, _dateTime)) return name is "Now" or "UtcNow" or "Today" ? Source.Clock : Source.None;
                if (Is(type, _dateTimeOffset)) return name is "Now" or "UtcNow" ? Source.Clock : Source.None;
                if (InheritsFrom(type, _timeProvider))
                    return name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp" ? Source.Clock : Source.None;
                if (Is(type, _guid)) return name is "NewGuid" or "CreateVersion7" ? Source.NewId : Source.None;
                if (Is(type, _environment)) return name is "TickCount" or "TickCount64" ? Source.Timer : Source.None;
                if (InheritsFrom(type, _random) || InheritsFrom(type, _randomNumberGenerator)) return Source.Random;
                if (Is(type, _stopwatch)) return Source.Timer;
                return Source.None;
            }

            private static string Advice(Source source) => source switch
            {
                Source.Clock => "Use the row's event-time member instead of the wall clock",
                Source.NewId => "Derive the id from the row's fields, for example a hash of its key",
                Source.Random => "Derive the value from the row's fields, for example a hash of its key",
                _ => "Measure durations outside the query: progress events report how long each batch took",
            };

            private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected) =>
                expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

            private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? expected)
            {
                if (expected is null) return false;
                for (; type is not null; type = type.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(type, expected)) return true;
                }
                return false;
            }
        }
    }
}
