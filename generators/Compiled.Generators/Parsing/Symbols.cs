using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>Recognises runtime and BCL symbols by name (the generator never calls GetTypeByMetadataName).</summary>
    internal static class Symbols
    {
        /// <summary>True when <paramref name="type"/> is <c>Compiled.{name}</c> with <paramref name="arity"/> type parameters.</summary>
        public static bool IsRuntimeType(ITypeSymbol? type, string name, int arity) =>
            type is INamedTypeSymbol named
            && named.Name == name
            && named.Arity == arity
            && IsNamespace(named.ContainingNamespace, KnownNames.RuntimeNamespace);

        /// <summary>True for <c>IStream&lt;T&gt;</c>.</summary>
        public static bool IsStream(ITypeSymbol? type) => IsRuntimeType(type, KnownNames.Stream, 1);

        /// <summary>The row type of an <c>IStream&lt;T&gt;</c>, or null.</summary>
        public static ITypeSymbol? StreamRowType(ITypeSymbol? type) =>
            IsStream(type) ? ((INamedTypeSymbol)type!).TypeArguments[0] : null;

        /// <summary>True when <paramref name="ns"/> is the top-level namespace <paramref name="name"/>.</summary>
        public static bool IsNamespace(INamespaceSymbol? ns, string name) =>
            ns is not null && ns.Name == name && ns.ContainingNamespace is { IsGlobalNamespace: true };

        /// <summary>True when <paramref name="ns"/> is <c>System.Linq</c>.</summary>
        public static bool IsSystemLinq(INamespaceSymbol? ns) =>
            ns is not null && ns.Name == "Linq" && IsNamespace(ns.ContainingNamespace, "System");

        /// <summary>True when <paramref name="method"/> is declared by <c>System.Linq.Enumerable</c>.</summary>
        public static bool IsEnumerableMethod(IMethodSymbol method)
        {
            var original = method.ReducedFrom ?? method;
            return original.ContainingType is { Name: "Enumerable" } type && IsSystemLinq(type.ContainingNamespace);
        }
    }
}
