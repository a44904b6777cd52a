using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Rules
{
    /// <summary>
    /// CQ1402: a lambda in a query body that captures a local or parameter of the query definition
    /// (other than a <c>const</c>), reads a static field that is not readonly, or writes to a field,
    /// a static or a captured variable. The generator copies lambdas into operators that never run the
    /// query definition, and nothing outside the rows and the aggregation state is checkpointed.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class CapturesMutableStateAnalyzer : DiagnosticAnalyzer
    {
        private const string CaptureAdvice = "Make the value a const, or carry it in the input rows";
        private const string WriteAdvice = "Keep running values in an aggregation (GroupBy(...).Select(...)), whose state is checkpointed";
        private const string RowWriteAdvice = "Return a new row instead, for example with a 'with' expression";
        private const string StaticReadAdvice = "Make the field readonly or const, or carry the value in the input rows";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CapturesMutableState);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                var analyzer = new AnalyzerContext();
                QueryBodies.Register(start, symbols, analyzer.AnalyzeQueryBody);
            });
        }

        /// <summary>Per-compilation state; this rule needs no types beyond the DSL's.</summary>
        private sealed class AnalyzerContext
        {
            public void AnalyzeQueryBody(OperationBlockStartAnalysisContext block, QueryInfo query) =>
                block.RegisterOperationAction(context => AnalyzeReference(context, query),
                    OperationKind.LocalReference, OperationKind.ParameterReference, OperationKind.FieldReference, OperationKind.PropertyReference);

            private static void AnalyzeReference(OperationAnalysisContext context, QueryInfo query)
            {
                var operation = context.Operation;
                // Code outside lambdas is the chain itself (input.Where(...)); it runs once, not per row.
                if (OutermostLambda(operation) is not { } lambda) return;
                var (problem, advice) = operation switch
                {
                    ILocalReferenceOperation local => CheckLocal(local, lambda),
                    IParameterReferenceOperation parameter => CheckParameter(parameter, lambda),
                    IMemberReferenceOperation member => CheckMember(member, lambda),
                    _ => (null, null),
                };
                if (problem is null) return;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CapturesMutableState, operation.Syntax.GetLocation(),
                    query.Name, problem, advice));
            }

            private static (string?, string?) CheckLocal(ILocalReferenceOperation reference, IOperation lambda)
            {
                var local = reference.Local;
                if (local.IsConst || DeclaredInside(local, lambda)) return (null, null);
                var owner = local.ContainingSymbol?.Name;
                return IsWritten(reference)
                    ? ($"writes to local '{local.Name}' of '{owner}'", WriteAdvice)
                    : ($"captures local '{local.Name}' of '{owner}'", CaptureAdvice);
            }

            private static (string?, string?) CheckParameter(IParameterReferenceOperation reference, IOperation lambda)
            {
                var parameter = reference.Parameter;
                // Parameters of this lambda or of an enclosing one in the same chain are the rows themselves.
                if (DeclaredInside(parameter, lambda)) return (null, null);
                var owner = parameter.ContainingSymbol?.Name;
                return IsWritten(reference)
                    ? ($"writes to parameter '{parameter.Name}' of '{owner}'", WriteAdvice)
                    : ($"captures parameter '{parameter.Name}' of '{owner}'", CaptureAdvice);
            }

            private static (string?, string?) CheckMember(IMemberReferenceOperation reference, IOperation lambda)
            {
                var member = reference.Member;
                var name = member.ContainingType?.Name + "." + member.Name;
                var kind = member is IFieldSymbol ? "field" : "property";
                if (!IsWritten(reference))
                {
                    return member is IFieldSymbol { IsStatic: true, IsConst: false, IsReadOnly: false }
                        ? ($"reads static field '{name}', which is not readonly", StaticReadAdvice)
                        : (null, null);
                }
                if (member.IsStatic) return ($"writes to static {kind} '{name}'", WriteAdvice);

                var root = Root(reference);
                return root switch
                {
                    // Reached through a static: shared by every batch, and never checkpointed.
                    IMemberReferenceOperation { Member.IsStatic: true } => ($"writes to {kind} '{name}' of an object held in a static", WriteAdvice),
                    // A lambda parameter is the row (or group) being processed.
                    IParameterReferenceOperation row when DeclaredInside(row.Parameter, lambda) =>
                        ($"writes to {kind} '{name}' of its row '{row.Parameter.Name}'", RowWriteAdvice),
                    // Object initializers, objects the lambda creates, and captured variables (reported
                    // on their own reference) need nothing more here.
                    _ => (null, null),
                };
            }

            /// <summary>The outermost lambda containing <paramref name="operation"/>, or null (also inside <c>nameof</c>, which reads nothing).</summary>
            private static IOperation? OutermostLambda(IOperation operation)
            {
                IOperation? outermost = null;
                for (var current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (current is INameOfOperation) return null;
                    if (current is IAnonymousFunctionOperation) outermost = current;
                }
                return outermost;
            }

            private static bool DeclaredInside(ISymbol symbol, IOperation lambda)
            {
                foreach (var location in symbol.Locations)
                {
                    if (location.SourceTree == lambda.Syntax.SyntaxTree && lambda.Syntax.Span.Contains(location.SourceSpan))
                        return true;
                }
                return false;
            }

            /// <summary>The object a chain of member accesses starts from: <c>a</c> in <c>a.B.C[0].D</c>.</summary>
            private static IOperation Root(IMemberReferenceOperation reference)
            {
                IOperation current = reference;
                while (true)
                {
                    IOperation? next = current switch
                    {
                        IMemberReferenceOperation member => member.Instance,
                        IArrayElementReferenceOperation element => element.ArrayReference,
                        _ => null,
                    };
                    if (next is null) return current;
                    current = StreamCalls.Unwrap(next);
                }
            }

            /// <summary>True when <paramref name="reference"/> is assigned, incremented, or passed by ref/out.</summary>
            private static bool IsWritten(IOperation reference)
            {
                var parent = reference.Parent;
                // A deconstruction writes to each element of the tuple on its left.
                if (parent is ITupleOperation tuple && tuple.Parent is IDeconstructionAssignmentOperation deconstruction)
                    return deconstruction.Target == tuple;
                return parent switch
                {
                    IAssignmentOperation assignment => assignment.Target == reference,
                    IIncrementOrDecrementOperation increment => increment.Target == reference,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
                    _ => false,
                };
            }
        }
    }
}
