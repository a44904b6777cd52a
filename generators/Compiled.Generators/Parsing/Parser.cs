using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>Stage 1 of the generator: reads a <c>[StreamingQuery]</c> class into a <see cref="ParseResult"/>.</summary>
    internal static class Parser
    {
        /// <summary>Parses the class behind <paramref name="context"/>; never throws for malformed code.</summary>
        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var session = new ParseSession((ClassDeclarationSyntax)context.TargetNode, (INamedTypeSymbol)context.TargetSymbol,
                context.Attributes.FirstOrDefault(), context.SemanticModel, cancellationToken);
            var query = session.Run();
            var diagnostics = new List<DiagnosticInfo>(session.Diagnostics);
            if (query is not null && Compilability.NotCompiledYet(query, session.Syntax) is { } notYet)
            {
                diagnostics.Add(notYet);
                query = null;
            }
            InvalidQuerySpec? invalid = null;
            if (query is null && session.Header is { } header && diagnostics.Count > 0)
                invalid = new InvalidQuerySpec(header, Reason(header, diagnostics));
            return new ParseResult(query, invalid, diagnostics.ToEquatableArray());
        }

        /// <summary>The obsolete message of an invalid query's <c>Start</c>: its first error, with the others counted.</summary>
        private static string Reason(QuerySpec header, List<DiagnosticInfo> diagnostics)
        {
            var first = diagnostics[0];
            string message = Diagnostic.Create(Compiled.Diagnostics.Descriptors.ForId(first.Id), null, first.Arguments.ToArray<object>()).GetMessage(
                System.Globalization.CultureInfo.InvariantCulture);
            string more = diagnostics.Count > 1 ? " (and " + (diagnostics.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more)" : string.Empty;
            return "Streaming query '" + header.QueryName + "' cannot start: " + first.Id + more + ": " + message;
        }
    }
}
