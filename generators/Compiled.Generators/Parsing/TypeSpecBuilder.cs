using System;
using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Parsing
{
    /// <summary>Describes a type for keys, accumulators and serialisers: shape, members and canonical schema text.</summary>
    internal static class TypeSpecBuilder
    {
        // Recursive records (a record holding itself) would never end; deeper nesting than this is "Other".
        private const int MaxDepth = 6;

        /// <summary>Describes <paramref name="type"/>.</summary>
        public static TypeSpec Build(ITypeSymbol type) => Build(type, 0);

        private static TypeSpec Build(ITypeSymbol type, int depth)
        {
            string name = TypeNames.Render(type, annotate: true);
            if (depth > MaxDepth) return Other(type, name);
            if (type.SpecialType == SpecialType.System_String)
                return Leaf(name, "string", TypeShape.String, isValueType: false, isUnmanaged: false);
            if (IsPrimitive(type.SpecialType))
                return Leaf(name, name, TypeShape.Primitive, isValueType: true, isUnmanaged: true);
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
                return Leaf(name, "enum " + TypeNames.Display(type) + ":" + TypeNames.Render(underlying, false), TypeShape.Enum, true, true);
            if (type is not INamedTypeSymbol named) return Other(type, name);
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                var inner = Build(named.TypeArguments[0], depth + 1);
                return new TypeSpec(name, "nullable(" + inner.SchemaName + ")", TypeShape.Nullable, true, inner.IsUnmanaged,
                    MemberwiseEquality: false, inner.IsSerializable, new[] { new MemberSpec("Value", inner) }.ToEquatableArray(), 0);
            }
            if (named.IsAnonymousType) return Tuple(name, TypeNames.AnonymousProperties(named).Select(p => p.Type), depth);
            if (named.IsTupleType) return Tuple(name, named.TupleElements.Select(e => e.Type), depth);
            if (named.IsRecord) return Record(named, name, depth) ?? Other(type, name);
            if (named.IsValueType && named.IsUnmanagedType)
                return Leaf(name, "struct " + TypeNames.Display(named) + "{" + FieldSchema(named) + "}", TypeShape.Unmanaged, true, true);
            return Other(type, name);
        }

        private static TypeSpec Leaf(string name, string schema, TypeShape shape, bool isValueType, bool isUnmanaged) =>
            new TypeSpec(name, schema, shape, isValueType, isUnmanaged, MemberwiseEquality: false, IsSerializable: true,
                ImmutableEquatableArray<MemberSpec>.Empty, 0);

        private static TypeSpec Other(ITypeSymbol type, string name) =>
            new TypeSpec(name, "other " + TypeNames.Display(type), TypeShape.Other, type.IsValueType,
                type.IsUnmanagedType, MemberwiseEquality: false, IsSerializable: type.IsUnmanagedType,
                ImmutableEquatableArray<MemberSpec>.Empty, 0);

        private static TypeSpec Tuple(string name, IEnumerable<ITypeSymbol> elements, int depth)
        {
            var members = elements.Select((t, i) => new MemberSpec("Item" + (i + 1), Build(t, depth + 1))).ToArray();
            string schema = "tuple(" + string.Join(",", members.Select(m => m.Type.SchemaName)) + ")";
            return new TypeSpec(name, schema, TypeShape.Tuple, IsValueType: true,
                IsUnmanaged: members.All(m => m.Type.IsUnmanaged), MemberwiseEquality: true,
                IsSerializable: members.All(m => m.Type.IsSerializable), members.ToEquatableArray(), members.Length);
        }

        /// <summary>
        /// A record whose every instance field is reachable (a public field or an auto-property's backing field) and
        /// can be rebuilt through a constructor plus settable members; null when it cannot.
        /// </summary>
        private static TypeSpec? Record(INamedTypeSymbol record, string name, int depth)
        {
            // Inherited records compare their runtime type (EqualityContract): leave them to default equality.
            if (!record.IsValueType && record.BaseType?.SpecialType != SpecialType.System_Object) return null;
            var members = new List<(string Name, ITypeSymbol Type, bool Settable)>();
            foreach (var field in record.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || field.IsConst) continue;
                if ((field.AssociatedSymbol ?? BackingFieldProperty(record, field)) is IPropertySymbol property)
                {
                    if (!IsVisible(property) || property.GetMethod is null || !IsVisible(property.GetMethod)) return null;
                    members.Add((property.Name, property.Type, property.SetMethod is { } set && IsVisible(set)));
                }
                else if (IsVisible(field))
                {
                    members.Add((field.Name, field.Type, !field.IsReadOnly));
                }
                else
                {
                    return null;
                }
            }

            var constructor = BestConstructor(record, members);
            int arity = constructor?.Parameters.Length ?? 0;
            var ordered = new List<(string Name, ITypeSymbol Type, bool Settable)>();
            if (constructor is not null)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    ordered.Add(members.First(m => string.Equals(m.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)));
                }
            }
            ordered.AddRange(members.Where(m => !ordered.Contains(m)));
            bool constructible = (constructor is not null || record.IsValueType || HasVisibleParameterlessConstructor(record))
                && ordered.Skip(arity).All(m => m.Settable);

            var specs = ordered.Select(m => new MemberSpec(m.Name, Build(m.Type, depth + 1))).ToArray();
            bool customEquality = record.GetMembers("Equals").OfType<IMethodSymbol>().Any(m =>
                !m.IsImplicitlyDeclared && m.Parameters.Length == 1
                && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type.OriginalDefinition, record.OriginalDefinition));
            bool memberwise = (record.IsValueType || record.IsSealed) && !customEquality;
            string schema = "record " + TypeNames.Display(record) + "("
                + string.Join(",", specs.Select(m => m.Type.SchemaName + " " + m.Name)) + ")";
            return new TypeSpec(name, schema, TypeShape.Record, record.IsValueType, record.IsUnmanagedType, memberwise,
                IsSerializable: record.IsUnmanagedType || (constructible && specs.All(m => m.Type.IsSerializable)),
                specs.ToEquatableArray(), arity);
        }

        /// <summary>Metadata backing fields carry no link to their property; recover it from the <c>&lt;Name&gt;k__BackingField</c> name.</summary>
        private static IPropertySymbol? BackingFieldProperty(INamedTypeSymbol type, IFieldSymbol field)
        {
            const string Suffix = ">k__BackingField";
            string name = field.Name;
            if (!name.StartsWith("<", StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal)) return null;
            string propertyName = name.Substring(1, name.Length - 1 - Suffix.Length);
            return type.GetMembers(propertyName).OfType<IPropertySymbol>().FirstOrDefault();
        }

        private static IMethodSymbol? BestConstructor(INamedTypeSymbol record, List<(string Name, ITypeSymbol Type, bool Settable)> members)
        {
            IMethodSymbol? best = null;
            foreach (var constructor in record.InstanceConstructors)
            {
                if (!IsVisible(constructor) || constructor.Parameters.Length == 0) continue;
                // The compiler's copy constructor takes the record itself.
                if (constructor.Parameters.Length == 1
                    && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, record)) continue;
                bool maps = constructor.Parameters.All(p => members.Any(m =>
                    string.Equals(m.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(m.Type.WithNullableAnnotation(NullableAnnotation.None),
                        p.Type.WithNullableAnnotation(NullableAnnotation.None))));
                if (maps && (best is null || constructor.Parameters.Length > best.Parameters.Length)) best = constructor;
            }
            return best;
        }

        private static bool HasVisibleParameterlessConstructor(INamedTypeSymbol type) =>
            type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && IsVisible(c));

        private static string FieldSchema(INamedTypeSymbol type) =>
            string.Join(",", type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst)
                .Select(f => TypeNames.Display(f.Type) + " " + (f.AssociatedSymbol?.Name ?? f.Name)));

        /// <summary>Generated code lives inside the user's class in the same assembly: public and internal members are reachable.</summary>
        private static bool IsVisible(ISymbol symbol) =>
            symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        private static bool IsPrimitive(SpecialType type) => type switch
        {
            SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
                or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32
                or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr => true,
            _ => false,
        };
    }
}
