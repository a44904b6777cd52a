using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Compiled.Generators.Parsing;
using Compiled.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Analyzers.Queries
{
    /// <summary>
    /// The validation findings of each query class, parsed once per compilation however many analyzers ask: every rule
    /// is its own analyzer (one id each, so users can suppress them one by one), and each would otherwise parse every query.
    /// </summary>
    internal static class QueryFindings
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ClassDeclarationSyntax, Lazy<IReadOnlyList<Finding>>>> s_byCompilation =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<ClassDeclarationSyntax, Lazy<IReadOnlyList<Finding>>>>();

        private static int s_parses;

        /// <summary>How many query classes were parsed since the process started (read by tests).</summary>
        internal static int Parses => Volatile.Read(ref s_parses);

        /// <summary>The findings of the query declared by <paramref name="declaration"/>; empty when it has none or cannot be parsed.</summary>
        public static IReadOnlyList<Finding> Of(
            ClassDeclarationSyntax declaration, INamedTypeSymbol type, AttributeData attribute, SemanticModel model, CancellationToken cancellationToken)
        {
            var cache = s_byCompilation.GetValue(model.Compilation, _ => new ConcurrentDictionary<ClassDeclarationSyntax, Lazy<IReadOnlyList<Finding>>>());
            while (true)
            {
                var entry = cache.GetOrAdd(declaration, _ => new Lazy<IReadOnlyList<Finding>>(
                    () => Parse(declaration, type, attribute, model, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
                try
                {
                    return entry.Value;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Another analyzer's cancelled parse: not an answer for this one, so parse again.
                    ((ICollection<KeyValuePair<ClassDeclarationSyntax, Lazy<IReadOnlyList<Finding>>>>)cache)
                        .Remove(new KeyValuePair<ClassDeclarationSyntax, Lazy<IReadOnlyList<Finding>>>(declaration, entry));
                }
            }
        }

        private static IReadOnlyList<Finding> Parse(
            ClassDeclarationSyntax declaration, INamedTypeSymbol type, AttributeData attribute, SemanticModel model, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref s_parses);
            var session = new ParseSession(declaration, type, attribute, model, cancellationToken);
            return session.Run() is { } query ? QueryValidation.Run(query, session.Syntax).ToList() : (IReadOnlyList<Finding>)Array.Empty<Finding>();
        }
    }
}
