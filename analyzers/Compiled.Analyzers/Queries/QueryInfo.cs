using Microsoft.CodeAnalysis;

namespace Compiled.Analyzers.Queries
{
    /// <summary>A <c>[StreamingQuery]</c> class and the output mode its attribute declares.</summary>
    internal sealed class QueryInfo
    {
        public QueryInfo(INamedTypeSymbol type, QueryMode mode, AttributeData attribute)
        {
            Type = type;
            Mode = mode;
            Attribute = attribute;
        }

        /// <summary>The query class.</summary>
        public INamedTypeSymbol Type { get; }

        /// <summary>The declared output mode.</summary>
        public QueryMode Mode { get; }

        /// <summary>The <c>[StreamingQuery]</c> attribute, for locating its mode argument.</summary>
        public AttributeData Attribute { get; }

        /// <summary>The name messages use: the class name, as the user sees it in the editor.</summary>
        public string Name => Type.Name;
    }
}
