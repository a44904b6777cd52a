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
        // Deeper nesting than this is not described further (state keys are small).
        private const int MaxDepth = 6;

        /// <summary>Describes <paramref name="type"/>.</summary>
        public static TypeSpec Build(ITypeSymbol type) => Build(type, 0, new List<ITypeSymbol>());

        /// <param name="type">The type to describe.</param>
        /// <param name="depth">How deep inside the described key or value it sits.</param>
        /// <param name="enclosing">The records and structs being described around it, to find a type that holds itself.</param>
        private static TypeSpec Build(ITypeSymbol type, int depth, List<ITypeSymbol> enclosing)
        {
            string name = TypeNames.Render(type, annotate: true);
            if (enclosing.Any(t => SymbolEqualityComparer.Default.Equals(t.WithNullableAnnotation(NullableAnnotation.None),
                    type.WithNullableAnnotation(NullableAnnotation.None))))
            {
                return Other(type, name, "'" + TypeNames.Display(type.WithNullableAnnotation(NullableAnnotation.None))
                    + "' holds a value of its own type, so its serialised form would never end; keep state flat (a parent's key, not the parent)");
            }
            if (depth > MaxDepth) return Other(type, name, "it nests more than " + MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels deep");
            if (type.SpecialType == SpecialType.System_String)
                return Leaf(name, "string", TypeShape.String, isValueType: false, isUnmanaged: false);
            if (IsPrimitive(type.SpecialType))
                return Leaf(name, name, TypeShape.Primitive, isValueType: true, isUnmanaged: true);
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
                return Leaf(name, "enum " + TypeNames.Display(type) + ":" + TypeNames.Render(underlying, false), TypeShape.Enum, true, true);
            if (type is not INamedTypeSymbol named) return Other(type, name, OtherProblem(type));
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                var inner = Build(named.TypeArguments[0], depth + 1, enclosing);
                return new TypeSpec(name, "nullable(" + inner.SchemaName + ")", TypeShape.Nullable, true, inner.IsUnmanaged,
                    MemberwiseEquality: false, inner.Problem, new[] { new MemberSpec("Value", inner) }.ToEquatableArray(), 0);
            }
            if (named.IsAnonymousType)
                return Tuple(type, name, TypeNames.AnonymousProperties(named).Select(p => (p.Name, p.Type)), depth, enclosing);
            if (named.IsTupleType) return Tuple(type, name, named.TupleElements.Select(e => (e.Name, e.Type)), depth, enclosing);
            if (named.IsRecord) return Record(named, name, depth, enclosing);
            if (named.IsValueType && named.IsUnmanagedType)
            {
                var leaf = Leaf(name, "struct " + TypeNames.Display(named) + "{" + FieldSchema(named) + "}", TypeShape.Unmanaged, true, true);
                var pointer = named.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => !f.IsStatic && IsPointer(f.Type));
                return pointer is null ? leaf
                    : leaf with { Problem = "'" + TypeNames.Display(named) + "." + pointer.Name + "' is a pointer, which means nothing after a restart" };
            }
            return Other(type, name, OtherProblem(type));
        }

        /// <summary>Why a type that is not a string, primitive, enum, tuple, record or unmanaged struct cannot be state.</summary>
        private static string? OtherProblem(ITypeSymbol type)
        {
            if (type.IsUnmanagedType && !IsPointer(type)) return null;
            string display = TypeNames.Display(type);
            return type switch
            {
                _ when IsPointer(type) => "it is a pointer, which means nothing after a restart",
                IArrayTypeSymbol => "it is an array, which has no value equality; use a record, tuple or struct of its elements",
                INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "it is a delegate ('" + display + "'), which is code rather than data",
                INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, SpecialType: SpecialType.None } when type.Locations.Any(l => l.IsInSource) =>
                    "'" + display + "' is a class: the generator compares and rebuilds records, structs and tuples only; declare it 'record "
                    + type.Name + "' (or 'record struct'), or group by a tuple of its members",
                INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, SpecialType: SpecialType.None } =>
                    "'" + display + "' is a class the generator cannot compare and rebuild; keep state in records, structs and tuples",
                INamedTypeSymbol { TypeKind: TypeKind.Struct } => "'" + display + "' is a struct holding references; declare it 'record struct " + type.Name + "'",
                _ => "it is typed '" + display + "', so the generator cannot know what to write",
            };
        }

        private static TypeSpec Leaf(string name, string schema, TypeShape shape, bool isValueType, bool isUnmanaged) =>
            new TypeSpec(name, schema, shape, isValueType, isUnmanaged, MemberwiseEquality: false, Problem: null,
                ImmutableEquatableArray<MemberSpec>.Empty, 0);

        private static TypeSpec Other(ITypeSymbol type, string name, string? problem) =>
            new TypeSpec(name, "other " + TypeNames.Display(type), TypeShape.Other, type.IsValueType,
                type.IsUnmanagedType, MemberwiseEquality: false, type.IsUnmanagedType && !IsPointer(type) ? null : problem,
                ImmutableEquatableArray<MemberSpec>.Empty, 0);

        private static TypeSpec Tuple(ITypeSymbol type, string name, IEnumerable<(string Name, ITypeSymbol Type)> elements, int depth, List<ITypeSymbol> enclosing)
        {
            var described = elements.Select(e => (e.Name, Spec: Build(e.Type, depth + 1, enclosing))).ToArray();
            var members = described.Select((e, i) => new MemberSpec("Item" + (i + 1), e.Spec)).ToArray();
            string schema = "tuple(" + string.Join(",", members.Select(m => m.Type.SchemaName)) + ")";
            return new TypeSpec(name, schema, TypeShape.Tuple, IsValueType: true,
                IsUnmanaged: members.All(m => m.Type.IsUnmanaged), MemberwiseEquality: true,
                MemberProblem(TypeNames.Display(type), described), members.ToEquatableArray(), members.Length);
        }

        /// <summary>The first member's problem, naming the member (<c>'Routed.Tax' is a delegate</c>).</summary>
        private static string? MemberProblem(string owner, IEnumerable<(string Name, TypeSpec Spec)> members)
        {
            const string Subject = "it ";
            foreach (var (memberName, spec) in members)
            {
                if (spec.Problem is not { } problem) continue;
                return problem.StartsWith(Subject, StringComparison.Ordinal)
                    ? "'" + owner + "." + memberName + "' " + problem.Substring(Subject.Length)
                    : problem;
            }
            return null;
        }

        /// <summary>
        /// A record whose every instance field is reachable (a public field or an auto-property's backing field) and
        /// can be rebuilt through a constructor plus settable members; null when it cannot.
        /// </summary>
        private static TypeSpec Record(INamedTypeSymbol record, string name, int depth, List<ITypeSymbol> enclosing)
        {
            string display = TypeNames.Display(record);
            // Inherited records compare their runtime type (EqualityContract): leave them to default equality.
            if (!record.IsValueType && record.BaseType?.SpecialType != SpecialType.System_Object)
            {
                return Other(record, name, "record '" + display + "' derives from '" + TypeNames.Display(record.BaseType!)
                    + "', so a stored value could not tell which record it was; use a sealed record without a base");
            }
            var members = new List<(string Name, ITypeSymbol Type, bool Settable)>();
            foreach (var field in record.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || field.IsConst) continue;
                if ((field.AssociatedSymbol ?? BackingFieldProperty(record, field)) is IPropertySymbol property)
                {
                    if (!IsVisible(property) || property.GetMethod is null || !IsVisible(property.GetMethod))
                        return Other(record, name, "record '" + display + "' keeps '" + property.Name + "' in a property the generated code cannot read; make it public or internal");
                    members.Add((property.Name, property.Type, property.SetMethod is { } set && IsVisible(set)));
                }
                else if (IsVisible(field))
                {
                    members.Add((field.Name, field.Type, !field.IsReadOnly));
                }
                else
                {
                    return Other(record, name, "record '" + display + "' keeps a private field '" + field.Name + "' the generated code cannot read");
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

            enclosing.Add(record);
            var specs = ordered.Select(m => new MemberSpec(m.Name, Build(m.Type, depth + 1, enclosing))).ToArray();
            enclosing.RemoveAt(enclosing.Count - 1);
            bool customEquality = record.GetMembers("Equals").OfType<IMethodSymbol>().Any(m =>
                !m.IsImplicitlyDeclared && m.Parameters.Length == 1
                && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type.OriginalDefinition, record.OriginalDefinition));
            bool memberwise = (record.IsValueType || record.IsSealed) && !customEquality;
            string schema = "record " + TypeNames.Display(record) + "("
                + string.Join(",", specs.Select(m => m.Type.SchemaName + " " + m.Name)) + ")";
            string? problem = record.IsUnmanagedType ? null
                : !constructible ? "record '" + display + "' has no constructor the generated code can call that, with its settable members, sets every member"
                : MemberProblem(display, specs.Select(m => (m.Name, m.Type)));
            return new TypeSpec(name, schema, TypeShape.Record, record.IsValueType, record.IsUnmanagedType, memberwise,
                problem, specs.ToEquatableArray(), arity);
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

        private static bool IsPointer(ITypeSymbol type) => type is IPointerTypeSymbol or IFunctionPointerTypeSymbol;

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
