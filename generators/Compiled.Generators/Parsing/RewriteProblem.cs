using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>Why a lambda could not be copied as written.</summary>
    internal enum RewriteProblemKind
    {
        /// <summary>A use the compiler cannot translate (CQ0003), e.g. a group passed to a method.</summary>
        Unsupported,
        /// <summary>A reference to something outside the lambda, such as another stream (CQ0004).</summary>
        OuterReference,
        /// <summary>An operator another analyzer reports (e.g. CountDistinct): emit nothing and say nothing.</summary>
        ReportedElsewhere,
    }

    /// <summary>A problem found while rewriting a lambda, with the node to report it on.</summary>
    internal sealed class RewriteProblem
    {
        public RewriteProblem(RewriteProblemKind kind, SyntaxNode node, string text)
        {
            Kind = kind;
            Node = node;
            Text = text;
        }

        /// <summary>What went wrong.</summary>
        public RewriteProblemKind Kind { get; }

        /// <summary>The offending node.</summary>
        public SyntaxNode Node { get; }

        /// <summary>The offending code or operator, quoted in the message.</summary>
        public string Text { get; }
    }
}
