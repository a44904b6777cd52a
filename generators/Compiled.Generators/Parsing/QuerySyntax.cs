using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Where each node of a parsed query was written. The model itself holds no locations (moving code must not
    /// invalidate the generator's cache); validation passes look nodes up here to report on the exact span. Nodes are
    /// matched by reference, since two value-equal operators (the same <c>Where</c> twice) sit at different places.
    /// </summary>
    internal sealed class QuerySyntax
    {
        private readonly Dictionary<Part, Location> _locations = new Dictionary<Part, Location>(new PartComparer());

        /// <summary>The query class's identifier.</summary>
        public Location? Class { get; set; }

        /// <summary>The attribute's output-mode argument.</summary>
        public Location? ModeArgument { get; set; }

        /// <summary>The <c>Define</c> method's identifier.</summary>
        public Location? Define { get; set; }

        /// <summary>Records where <paramref name="part"/> of <paramref name="node"/> was written (the node itself for <see cref="SyntaxParts.Call"/>).</summary>
        public void Set(object node, string part, Location location) => _locations[new Part(node, part)] = location;

        /// <summary>Where <paramref name="part"/> of <paramref name="node"/> was written; falls back to the node's call, then <c>Define</c>.</summary>
        public Location? Get(object node, string part = SyntaxParts.Call)
        {
            if (_locations.TryGetValue(new Part(node, part), out var location)) return location;
            if (part != SyntaxParts.Call && _locations.TryGetValue(new Part(node, SyntaxParts.Call), out location)) return location;
            return Define;
        }

        private readonly struct Part
        {
            public Part(object node, string name)
            {
                Node = node;
                Name = name;
            }

            public object Node { get; }

            public string Name { get; }
        }

        private sealed class PartComparer : IEqualityComparer<Part>
        {
            public bool Equals(Part x, Part y) => ReferenceEquals(x.Node, y.Node) && x.Name == y.Name;

            public int GetHashCode(Part part) => (RuntimeHelpers.GetHashCode(part.Node) * 31) + part.Name.Length;
        }
    }

    /// <summary>Names of the parts of a node that <see cref="QuerySyntax"/> locates.</summary>
    internal static class SyntaxParts
    {
        /// <summary>The operator call, from its name to its closing parenthesis.</summary>
        public const string Call = "call";

        /// <summary>A lambda or key expression.</summary>
        public const string Key = "key";

        /// <summary>A window's or watermark's time argument.</summary>
        public const string Time = "time";

        /// <summary>A window's length argument.</summary>
        public const string Size = "size";

        /// <summary>A sliding window's slide argument.</summary>
        public const string Slide = "slide";

        /// <summary>A session window's gap argument.</summary>
        public const string Gap = "gap";

        /// <summary>The call after <c>GroupBy</c> that says what is done per group (<c>MapGroupsWithState(...)</c>).</summary>
        public const string GroupCall = "group-call";
    }
}
