using System.Threading;
using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>Stage 1: reads a <c>[StreamingQuery]</c> class into a <see cref="Model.ParseResult"/>.</summary>
    internal static class Parser
    {
        /// <summary>Parses the class behind <paramref name="context"/>; never throws for malformed code.</summary>
        public static Model.ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            new ParseSession(context, cancellationToken).Run();
    }
}
