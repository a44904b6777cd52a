using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Writes types as C# that compiles anywhere: <c>global::</c>-qualified, anonymous types as value tuples
    /// (anonymous types cannot be named, and a tuple has the same value equality without a heap object).
    /// </summary>
    internal static class TypeNames
    {
        private static readonly SymbolDisplayFormat s_qualified = SymbolDisplayFormat.FullyQualifiedFormat
            .WithGenericsOptions(SymbolDisplayGenericsOptions.None)
            .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes
                | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        private static readonly SymbolDisplayFormat s_schema = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary>C# syntax for <paramref name="type"/>; nullable reference annotations only when <paramref name="annotate"/>.</summary>
        public static string Render(ITypeSymbol type, bool annotate)
        {
            var builder = new StringBuilder();
            Append(builder, type, annotate);
            return builder.ToString();
        }

        /// <summary>The type name as a user reads it, without <c>global::</c>, for messages and plan info.</summary>
        public static string Display(ITypeSymbol type) => type.ToDisplayString(s_schema);

        /// <summary>True when <paramref name="type"/> or a type argument is an error type.</summary>
        public static bool HasErrors(ITypeSymbol type) => type switch
        {
            IErrorTypeSymbol => true,
            IArrayTypeSymbol array => HasErrors(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(HasErrors),
            IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol => true,
            _ => false,
        };

        private static void Append(StringBuilder builder, ITypeSymbol type, bool annotate)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    Append(builder, array.ElementType, annotate);
                    builder.Append('[').Append(',', array.Rank - 1).Append(']');
                    AppendAnnotation(builder, type, annotate);
                    return;
                case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                    AppendAnonymous(builder, anonymous, annotate);
                    return;
                case INamedTypeSymbol { IsTupleType: true, TupleElements.Length: > 1 } tuple:
                    builder.Append('(');
                    for (int i = 0; i < tuple.TupleElements.Length; i++)
                    {
                        var element = tuple.TupleElements[i];
                        if (i > 0) builder.Append(", ");
                        Append(builder, element.Type, annotate);
                        if (element.IsExplicitlyNamedTupleElement) builder.Append(' ').Append(element.Name);
                    }
                    builder.Append(')');
                    return;
                case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                    Append(builder, nullable.TypeArguments[0], annotate);
                    builder.Append('?');
                    return;
                case INamedTypeSymbol named:
                    if (named.ContainingType is { } outer)
                    {
                        Append(builder, outer, annotate: false);
                        builder.Append('.').Append(named.Name);
                    }
                    else
                    {
                        builder.Append(named.ToDisplayString(s_qualified));
                    }
                    if (named.TypeArguments.Length > 0)
                    {
                        builder.Append('<');
                        for (int i = 0; i < named.TypeArguments.Length; i++)
                        {
                            if (i > 0) builder.Append(", ");
                            Append(builder, named.TypeArguments[i], annotate);
                        }
                        builder.Append('>');
                    }
                    AppendAnnotation(builder, type, annotate);
                    return;
                default:
                    builder.Append(type.ToDisplayString(s_qualified));
                    AppendAnnotation(builder, type, annotate);
                    return;
            }
        }

        private static void AppendAnonymous(StringBuilder builder, INamedTypeSymbol anonymous, bool annotate)
        {
            var properties = AnonymousProperties(anonymous);
            if (properties.Length == 0)
            {
                builder.Append("global::System.ValueTuple");
                return;
            }
            if (properties.Length == 1)
            {
                builder.Append("global::System.ValueTuple<");
                Append(builder, properties[0].Type, annotate);
                builder.Append('>');
                return;
            }
            builder.Append('(');
            for (int i = 0; i < properties.Length; i++)
            {
                if (i > 0) builder.Append(", ");
                Append(builder, properties[i].Type, annotate);
                builder.Append(' ').Append(properties[i].Name);
            }
            builder.Append(')');
        }

        /// <summary>The properties of an anonymous type, in declaration order.</summary>
        public static IPropertySymbol[] AnonymousProperties(INamedTypeSymbol anonymous) =>
            anonymous.GetMembers().OfType<IPropertySymbol>().ToArray();

        private static void AppendAnnotation(StringBuilder builder, ITypeSymbol type, bool annotate)
        {
            if (annotate && type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
                builder.Append('?');
        }
    }
}
