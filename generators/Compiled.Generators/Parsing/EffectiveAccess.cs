using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// The accessibility the generated <c>Start</c> can have: a public method whose parameter types are internal does
    /// not compile (CS0051), so <c>Start</c> is as visible as its least visible row type.
    /// </summary>
    internal static class EffectiveAccess
    {
        private const int Private = 1;
        private const int Internal = 2;
        private const int Public = 3;

        /// <summary>"public", "internal" or "private", whichever every type in <paramref name="types"/> allows.</summary>
        public static string Keyword(IEnumerable<ITypeSymbol> types)
        {
            int level = types.Select(Level).DefaultIfEmpty(Public).Min();
            return level switch
            {
                Public => "public",
                Internal => "internal",
                _ => "private",
            };
        }

        private static int Level(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return Level(array.ElementType);
                case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                    return TypeNames.AnonymousProperties(anonymous).Select(p => Level(p.Type)).DefaultIfEmpty(Public).Min();
                case INamedTypeSymbol named:
                    int level = Public;
                    for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                    {
                        level = System.Math.Min(level, Declared(current.DeclaredAccessibility));
                    }
                    foreach (var argument in named.TypeArguments) level = System.Math.Min(level, Level(argument));
                    return level;
                default:
                    return Public;
            }
        }

        private static int Declared(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => Public,
            Accessibility.Internal or Accessibility.ProtectedOrInternal => Internal,
            Accessibility.NotApplicable => Public,
            _ => Private,
        };
    }
}
