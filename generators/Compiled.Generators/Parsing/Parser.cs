using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;
using Compiled.Generators.Validation;
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
            string? reason = diagnostics.Count > 0 ? GeneratorReason(diagnostics) : null;
            if (query is not null)
            {
                // The analyzers report these findings from the same passes; the generator only refuses to compile.
                var errors = QueryValidation.Run(query, session.Syntax).Where(f => !f.IsWarning).ToList();
                if (errors.Count > 0)
                {
                    reason = string.Join(", ", errors.Select(f => f.Id).Distinct()) + " (reported by the Compiled analyzers; see "
                        + HelpLinks.For(errors[0].Id) + ")";
                    query = null;
                }
                else if (Compilability.NotCompiledYet(query, session.Syntax) is { } notYet)
                {
                    diagnostics.Add(notYet);
                    reason = GeneratorReason(diagnostics);
                    query = null;
                }
            }
            InvalidQuerySpec? invalid = query is null && reason is not null && session.Header is { } header
                ? new InvalidQuerySpec(header, "Streaming query '" + header.QueryName + "' cannot start: " + reason)
                : null;
            return new ParseResult(query, invalid, diagnostics.ToEquatableArray());
        }

        /// <summary>The generator's own first error, with the others counted.</summary>
        private static string GeneratorReason(List<DiagnosticInfo> diagnostics)
        {
            var first = diagnostics[0];
            string message = Diagnostic.Create(Descriptors.ForId(first.Id), null, first.Arguments.ToArray<object>())
                .GetMessage(CultureInfo.InvariantCulture);
            string more = diagnostics.Count > 1 ? " (and " + (diagnostics.Count - 1).ToString(CultureInfo.InvariantCulture) + " more)" : string.Empty;
            return first.Id + more + ": " + message;
        }
    }
}
