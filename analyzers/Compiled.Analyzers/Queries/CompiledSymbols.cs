using Microsoft.CodeAnalysis;

namespace Compiled.Analyzers.Queries
{
    /// <summary>
    /// The DSL types of one compilation, resolved once at compilation start. A compilation that does
    /// not reference Compiled has none of them, and the analyzers then register nothing.
    /// </summary>
    internal sealed class CompiledSymbols
    {
        private CompiledSymbols(INamedTypeSymbol attribute, INamedTypeSymbol outputMode, INamedTypeSymbol stream,
            INamedTypeSymbol groupedStream, INamedTypeSymbol group)
        {
            StreamingQueryAttribute = attribute;
            OutputMode = outputMode;
            Stream = stream;
            GroupedStream = groupedStream;
            Group = group;
        }

        /// <summary><c>Compiled.StreamingQueryAttribute</c>.</summary>
        public INamedTypeSymbol StreamingQueryAttribute { get; }

        /// <summary><c>Compiled.OutputMode</c>.</summary>
        public INamedTypeSymbol OutputMode { get; }

        /// <summary><c>Compiled.IStream&lt;T&gt;</c> (unbound).</summary>
        public INamedTypeSymbol Stream { get; }

        /// <summary><c>Compiled.IGroupedStream&lt;TKey, T&gt;</c> (unbound).</summary>
        public INamedTypeSymbol GroupedStream { get; }

        /// <summary><c>Compiled.IGroup&lt;TKey, T&gt;</c> (unbound).</summary>
        public INamedTypeSymbol Group { get; }

        /// <summary>The DSL types of <paramref name="compilation"/>, or null when it does not reference Compiled.</summary>
        public static CompiledSymbols? TryCreate(Compilation compilation)
        {
            var attribute = compilation.GetTypeByMetadataName(KnownNames.StreamingQueryAttribute);
            var outputMode = compilation.GetTypeByMetadataName(KnownNames.OutputMode);
            var stream = compilation.GetTypeByMetadataName(KnownNames.Stream);
            var groupedStream = compilation.GetTypeByMetadataName(KnownNames.GroupedStream);
            var group = compilation.GetTypeByMetadataName(KnownNames.Group);
            if (attribute is null || outputMode is null || stream is null || groupedStream is null || group is null) return null;
            return new CompiledSymbols(attribute, outputMode, stream, groupedStream, group);
        }

        /// <summary>True when <paramref name="type"/> is some <c>IStream&lt;T&gt;</c>.</summary>
        public bool IsStream(ITypeSymbol? type) => Is(type, Stream);

        /// <summary>The query declared by <paramref name="type"/>'s <c>[StreamingQuery]</c> attribute, or null.</summary>
        public QueryInfo? TryGetQuery(INamedTypeSymbol? type)
        {
            if (type is null) return null;
            foreach (var attribute in type.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, StreamingQueryAttribute)) continue;
                return new QueryInfo(type, ModeOf(attribute), attribute);
            }
            return null;
        }

        /// <summary>
        /// True when <paramref name="symbol"/> has the shape of a query definition: an ordinary method that
        /// returns a stream. Callers check its class with <see cref="TryGetQuery"/>; the generator reports
        /// every other shape as CQ0002.
        /// </summary>
        public bool IsQueryDefinition(ISymbol symbol) =>
            symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && IsStream(method.ReturnType);

        private QueryMode ModeOf(AttributeData attribute)
        {
            if (attribute.ConstructorArguments.Length != 1) return QueryMode.Unknown;
            var value = attribute.ConstructorArguments[0].Value;
            if (value is null) return QueryMode.Unknown;
            // Matched by member name, so reordering the enum cannot silently change what a rule sees.
            foreach (var member in OutputMode.GetMembers())
            {
                if (member is not IFieldSymbol { HasConstantValue: true } field || !Equals(field.ConstantValue, value)) continue;
                switch (field.Name)
                {
                    case KnownNames.Append: return QueryMode.Append;
                    case KnownNames.Update: return QueryMode.Update;
                    case KnownNames.Complete: return QueryMode.Complete;
                }
            }
            return QueryMode.Unknown;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol unbound) =>
            type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, unbound);
    }
}
