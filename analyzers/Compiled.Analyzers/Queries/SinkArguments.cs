using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Queries
{
    /// <summary>Finds the factory call that made a sink argument of a query's <c>Start</c>.</summary>
    internal static class SinkArguments
    {
        // Returned for every call that is not an Update query's Start, which is nearly all of them; never added to.
        private static readonly List<IArgumentOperation> NoArguments = new List<IArgumentOperation>();

        /// <summary>
        /// The query started by <paramref name="call"/> when it is an Update-mode query's static <c>Start</c>, and the
        /// arguments of its <c>ISink&lt;T&gt;</c> (<paramref name="sink"/>) parameters; null for any other call.
        /// </summary>
        public static QueryInfo? UpdateQueryStart(IInvocationOperation call, CompiledSymbols symbols, INamedTypeSymbol sink, out List<IArgumentOperation> sinkArguments)
        {
            sinkArguments = NoArguments;
            var method = call.TargetMethod;
            if (method.Name != KnownNames.StartMethod || !method.IsStatic) return null;
            if (symbols.TryGetQuery(method.ContainingType) is not { Mode: QueryMode.Update } query) return null;
            sinkArguments = new List<IArgumentOperation>();
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Type is INamedTypeSymbol parameterType
                    && SymbolEqualityComparer.Default.Equals(parameterType.OriginalDefinition, sink))
                    sinkArguments.Add(argument);
            }
            return query;
        }

        /// <summary>
        /// The call that made <paramref name="value"/>: the value itself when it is a call, or the initializer of
        /// a local that nothing in the method assigns again (otherwise nothing certain can be said, and null).
        /// </summary>
        public static IInvocationOperation? FactoryCall(IOperation value, IInvocationOperation start, CancellationToken cancellationToken)
        {
            value = StreamCalls.Unwrap(value);
            if (value is ILocalReferenceOperation local)
                value = SingleAssignment(local.Local, start, cancellationToken) ?? value;
            return value as IInvocationOperation;
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
