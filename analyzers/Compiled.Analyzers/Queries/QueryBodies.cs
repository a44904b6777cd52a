using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Queries
{
    /// <summary>Runs a rule over the operation blocks of query definitions only.</summary>
    internal static class QueryBodies
    {
        /// <summary>
        /// Calls <paramref name="onQueryBody"/> at the start of every query definition's operation block,
        /// so that rules register their operation actions for query bodies and nowhere else.
        /// </summary>
        public static void Register(CompilationStartAnalysisContext context, CompiledSymbols symbols,
            Action<OperationBlockStartAnalysisContext, QueryInfo> onQueryBody)
        {
            context.RegisterOperationBlockStartAction(block =>
            {
                if (!symbols.IsQueryDefinition(block.OwningSymbol)) return;
                if (symbols.TryGetQuery(block.OwningSymbol.ContainingType) is not { } query) return;
                onQueryBody(block, query);
            });
        }
    }
}
