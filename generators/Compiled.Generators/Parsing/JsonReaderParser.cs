using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Finds a query's input row types and decides, for each, whether a UTF-8 JSON reader can read it exactly as
    /// System.Text.Json's default contract does; anything it is not sure of leaves the type to System.Text.Json.
    /// </summary>
    internal static class JsonReaderParser
    {
        private const string JsonNamespace = "System.Text.Json.Serialization";

        /// <summary>The JSON reader models of the <c>IStream&lt;T&gt;</c> inputs of the query class <paramref name="context"/> targets.</summary>
        public static ImmutableEquatableArray<JsonReaderSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol owner || !Compilable(owner)) return ImmutableEquatableArray<JsonReaderSpec>.Empty;
            var specs = new List<JsonReaderSpec>();
            foreach (var define in owner.GetMembers(KnownNames.DefineMethod).OfType<IMethodSymbol>())
            {
                // A query with no valid Define gets no code at all (CQ0002), readers included.
                if (!define.IsStatic || !Symbols.IsStream(define.ReturnType)) continue;
                foreach (var parameter in define.Parameters)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // Only against a runtime that has the reader base class (the assembly that declares IStream<T>).
                    if (Symbols.StreamRowType(parameter.Type) is INamedTypeSymbol row
                        && parameter.Type.ContainingAssembly?.GetTypeByMetadataName(KnownNames.JsonRowReaderMetadata) is not null
                        && row.SpecialType == SpecialType.None
                        && row.TypeKind is TypeKind.Class or TypeKind.Struct
                        && !TypeNames.HasErrors(row))
                        specs.Add(Describe(row));
                }
            }
            return new ImmutableEquatableArray<JsonReaderSpec>(specs);
        }

        /// <summary>False for a query class the generator emits nothing for (CQ0001): not partial, or generic or nested in one.</summary>
        private static bool Compilable(INamedTypeSymbol owner)
        {
            for (var type = owner; type is not null; type = type.ContainingType)
            {
                if (type.IsGenericType) return false;
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration
                        && !declaration.Modifiers.Any(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword)))
                        return false;
                }
            }
            return true;
        }

        private static JsonReaderSpec Describe(INamedTypeSymbol row)
        {
            string name = TypeNames.Render(row.WithNullableAnnotation(NullableAnnotation.NotAnnotated), annotate: false);
            string display = TypeNames.Display(row);
            var members = new List<JsonMemberSpec>();
            int arity = 0;
            string? problem = Read(row, members, ref arity);
            return problem is null
                ? new JsonReaderSpec(name, display, null, new ImmutableEquatableArray<JsonMemberSpec>(members), arity)
                : new JsonReaderSpec(name, display, problem, ImmutableEquatableArray<JsonMemberSpec>.Empty, 0);
        }

        /// <summary>Fills <paramref name="members"/>; returns why the type is left to System.Text.Json, or null.</summary>
        private static string? Read(INamedTypeSymbol row, List<JsonMemberSpec> members, ref int arity)
        {
            if (row.IsAbstract || row.IsGenericType && row.TypeArguments.Any(t => t is ITypeParameterSymbol))
                return "it is abstract or open generic";
            if (OwnAttribute(row, except: null) is { } typeAttribute)
                return "the type has [" + typeAttribute + "]";

            // Public instance properties, most derived first, as System.Text.Json collects them.
            var properties = new List<IPropertySymbol>();
            var names = new HashSet<string>();
            for (var type = row; type is not null && type.SpecialType != SpecialType.System_Object && type.SpecialType != SpecialType.System_ValueType; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member.IsStatic || member.IsImplicitlyDeclared && member is not IPropertySymbol) continue;
                    if (member is IFieldSymbol { DeclaredAccessibility: Accessibility.Public } field && HasJsonAttribute(field))
                        return "field " + field.Name + " has a System.Text.Json attribute";
                    if (member is IPropertySymbol { DeclaredAccessibility: not Accessibility.Public } hidden && HasJsonAttribute(hidden))
                        return "non-public property " + hidden.Name + " has a System.Text.Json attribute";
                    if (member is not IPropertySymbol { DeclaredAccessibility: Accessibility.Public, IsIndexer: false } property) continue;
                    if (!names.Add(property.Name))
                    {
                        if (type.Equals(row, SymbolEqualityComparer.Default) || !IsOverridden(properties, property)) return "property " + property.Name + " is declared twice";
                        continue;
                    }
                    if (property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }) return "property " + property.Name + " has no public getter";
                    properties.Add(property);
                }
            }

            var constructor = Constructor(row, out string? constructorProblem);
            if (constructorProblem is not null) return constructorProblem;
            var bound = new Dictionary<IPropertySymbol, IParameterSymbol>(SymbolEqualityComparer.Default);
            if (constructor is not null)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    var match = properties.Where(p => string.Equals(p.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase)
                        && p.Type.Equals(parameter.Type, SymbolEqualityComparer.Default)).ToList();
                    if (match.Count != 1) return "constructor parameter " + parameter.Name + " matches no single property of its type";
                    if (parameter.RefKind != RefKind.None) return "constructor parameter " + parameter.Name + " is not by value";
                    bound.Add(match[0], parameter);
                }
                foreach (var parameter in constructor.Parameters)
                {
                    var property = bound.First(b => b.Value.Equals(parameter, SymbolEqualityComparer.Default)).Key;
                    string? memberProblem = AddMember(property, parameter.HasExplicitDefaultValue, constructorParameter: true, members);
                    if (memberProblem is not null) return memberProblem;
                }
                arity = constructor.Parameters.Length;
            }
            foreach (var property in properties)
            {
                if (bound.ContainsKey(property)) continue;
                if (property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public)
                {
                    // System.Text.Json skips the values of read-only properties; so does the reader, unless it needs more.
                    if (OwnAttribute(property, except: null) is { } attribute) return "read-only property " + property.Name + " has [" + attribute + "]";
                    continue;
                }
                string? memberProblem = AddMember(property, mustBePresent: false, constructorParameter: false, members);
                if (memberProblem is not null) return memberProblem;
            }

            var jsonNames = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var member in members)
            {
                if (!jsonNames.Add(member.JsonName)) return "JSON name '" + member.JsonName + "' is used twice (ignoring case)";
            }
            if (members.Count > 64) return "it has more than 64 JSON members";
            return null;
        }

        /// <summary>System.Text.Json's constructor: <c>[JsonConstructor]</c>, else the public parameterless one, else the only public one.</summary>
        private static IMethodSymbol? Constructor(INamedTypeSymbol row, out string? problem)
        {
            problem = null;
            var constructors = row.InstanceConstructors.Where(c => !IsCopyConstructor(c, row)).ToList();
            var marked = constructors.Where(c => c.GetAttributes().Any(a => IsJson(a, "JsonConstructorAttribute"))).ToList();
            var chosen = marked.Count == 1 ? marked[0] : null;
            if (marked.Count > 1) problem = "it has more than one [JsonConstructor]";
            var publicOnes = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            if (chosen is null && problem is null)
            {
                chosen = publicOnes.FirstOrDefault(c => c.Parameters.Length == 0)
                    ?? (publicOnes.Count == 1 ? publicOnes[0] : null);
                if (chosen is null) problem = "it has no public parameterless constructor and not exactly one public constructor";
            }
            if (chosen is not null && chosen.DeclaredAccessibility != Accessibility.Public) problem = "its constructor is not public";
            if (chosen is not null && row.IsValueType && chosen.Parameters.Length > 0 && marked.Count == 0)
                problem = "it is a struct with a parameterized constructor";
            return chosen is null || chosen.Parameters.Length == 0 ? null : chosen;
        }

        private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol row) =>
            row.IsRecord && constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.Equals(row, SymbolEqualityComparer.Default);

        private static bool IsOverridden(List<IPropertySymbol> derived, IPropertySymbol baseProperty)
        {
            foreach (var property in derived)
            {
                for (var overridden = property.OverriddenProperty; overridden is not null; overridden = overridden.OverriddenProperty)
                {
                    if (overridden.Equals(baseProperty, SymbolEqualityComparer.Default)) return true;
                }
            }
            return false;
        }

        private static string? AddMember(IPropertySymbol property, bool mustBePresent, bool constructorParameter, List<JsonMemberSpec> members)
        {
            string jsonName = property.Name;
            string? converter = null;
            bool required = property.IsRequired;
            foreach (var attribute in property.GetAttributes())
            {
                if (IsJson(attribute, "JsonPropertyNameAttribute") && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string renamed)
                    jsonName = renamed;
                else if (IsJson(attribute, "JsonRequiredAttribute"))
                    required = true;
                else if (IsJson(attribute, "JsonConverterAttribute"))
                {
                    if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol converterType)
                        return "property " + property.Name + " has a [JsonConverter] without a converter type";
                    if (!ConvertsExactly(converterType, property.Type))
                        return "property " + property.Name + "'s converter " + converterType.Name + " is not a JsonConverter<" + property.Type.Name + "> with a public parameterless constructor";
                    converter = TypeNames.Render(converterType, annotate: false);
                }
                else if (IsJson(attribute, "JsonPropertyOrderAttribute"))
                    continue;
                else if (attribute.AttributeClass?.ContainingNamespace?.ToDisplayString() == JsonNamespace)
                    return "property " + property.Name + " has [" + attribute.AttributeClass.Name + "]";
            }
            // Required members are always present when the reader takes a text, so they go in the object initializer.
            if (!constructorParameter && property.SetMethod is { IsInitOnly: true } && !required)
                return "property " + property.Name + " is init-only, not required and not a constructor parameter";
            if (jsonName.Length == 0 || jsonName[0] == '$' || jsonName.Any(c => c > 127))
                return "property " + property.Name + "'s JSON name is empty, starts with '$' or is not ASCII";

            var type = property.Type;
            string typeName = TypeNames.Render(type, annotate: true);
            bool nullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
            var valueType = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            string? enumName = null;
            JsonValueKind kind;
            if (converter is not null)
            {
                kind = JsonValueKind.Converter;
            }
            else
            {
                if (valueType is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType)
                {
                    if (OwnAttribute(enumType, except: null) is { } enumAttribute) return "enum " + enumType.Name + " has [" + enumAttribute + "]";
                    enumName = TypeNames.Render(enumType, annotate: false);
                    valueType = underlying;
                }
                if (!KindOf(valueType, out kind)) return "property " + property.Name + " has type " + TypeNames.Display(type) + ", which the reader does not read";
            }
            members.Add(new JsonMemberSpec(property.Name, jsonName, typeName, kind, nullable, !type.IsValueType, enumName, converter, mustBePresent || required));
            return null;
        }

        private static bool KindOf(ITypeSymbol type, out JsonValueKind kind)
        {
            kind = type.SpecialType switch
            {
                SpecialType.System_String => JsonValueKind.String,
                SpecialType.System_Boolean => JsonValueKind.Boolean,
                SpecialType.System_Byte => JsonValueKind.Byte,
                SpecialType.System_SByte => JsonValueKind.SByte,
                SpecialType.System_Int16 => JsonValueKind.Int16,
                SpecialType.System_UInt16 => JsonValueKind.UInt16,
                SpecialType.System_Int32 => JsonValueKind.Int32,
                SpecialType.System_UInt32 => JsonValueKind.UInt32,
                SpecialType.System_Int64 => JsonValueKind.Int64,
                SpecialType.System_UInt64 => JsonValueKind.UInt64,
                SpecialType.System_Single => JsonValueKind.Single,
                SpecialType.System_Double => JsonValueKind.Double,
                SpecialType.System_Decimal => JsonValueKind.Decimal,
                SpecialType.System_DateTime => JsonValueKind.DateTime,
                _ => JsonValueKind.Converter,
            };
            if (kind != JsonValueKind.Converter) return true;
            bool system = type is INamedTypeSymbol { Arity: 0, TypeKind: TypeKind.Struct } && Symbols.IsNamespace(type.ContainingNamespace, "System");
            if (system && type.Name == "DateTimeOffset") kind = JsonValueKind.DateTimeOffset;
            else if (system && type.Name == "Guid") kind = JsonValueKind.Guid;
            return kind != JsonValueKind.Converter;
        }

        /// <summary>True when <paramref name="converter"/> is a concrete <c>JsonConverter&lt;T&gt;</c> of exactly <paramref name="type"/>, made with <c>new()</c>.</summary>
        private static bool ConvertsExactly(INamedTypeSymbol converter, ITypeSymbol type)
        {
            if (converter.IsAbstract || converter.IsGenericType || !converter.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
                return false;
            for (var b = converter.BaseType; b is not null; b = b.BaseType)
            {
                if (b is { Name: "JsonConverter", TypeArguments.Length: 1 } && b.ContainingNamespace?.ToDisplayString() == JsonNamespace)
                    return b.TypeArguments[0].Equals(type, SymbolEqualityComparer.Default);
            }
            return false;
        }

        /// <summary>The first System.Text.Json attribute on <paramref name="symbol"/> other than <paramref name="except"/>, or null.</summary>
        private static string? OwnAttribute(ISymbol symbol, string? except)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } type && type.Name != except && type.ContainingNamespace?.ToDisplayString() == JsonNamespace)
                    return type.Name;
            }
            return null;
        }

        private static bool HasJsonAttribute(ISymbol symbol) => OwnAttribute(symbol, except: null) is not null;

        private static bool IsJson(AttributeData attribute, string name) =>
            attribute.AttributeClass is { } type && type.Name == name && type.ContainingNamespace?.ToDisplayString() == JsonNamespace;
    }
}
