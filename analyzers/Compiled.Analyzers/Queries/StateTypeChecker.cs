using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Compiled.Analyzers.Queries
{
    /// <summary>
    /// Decides whether the generator can serialise a type kept in state (docs/diagnostics/CQ1403.md
    /// states the rule): built-in scalars and enums; nullables, arrays and tuples of serialisable types;
    /// unmanaged structs without pointers (copied as they are); and classes, structs, records and
    /// anonymous types with a public constructor the generator can call, whose public fields and
    /// readable properties are serialisable.
    /// </summary>
    internal sealed class StateTypeChecker
    {
        private static readonly string[] ScalarTypeNames =
        {
            "System.DateTimeOffset", "System.TimeSpan", "System.Guid", "System.DateOnly", "System.TimeOnly",
            "System.Half", "System.Int128", "System.UInt128",
        };

        private readonly HashSet<ITypeSymbol> _scalars = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        private readonly INamedTypeSymbol _enumerable;

        public StateTypeChecker(Compilation compilation)
        {
            _enumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
            foreach (var name in ScalarTypeNames)
            {
                if (compilation.GetTypeByMetadataName(name) is { } type) _scalars.Add(type);
            }
        }

        /// <summary>Why <paramref name="type"/> cannot be kept in state, or null when it can.</summary>
        public string? WhyNotSerializable(ITypeSymbol type) =>
            Check(type, path: null, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

        private string? Check(ITypeSymbol type, string? path, HashSet<ITypeSymbol> visiting)
        {
            switch (type)
            {
                case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                    return $"{Subject(path)} is a pointer, which means nothing after a restart";
                case IArrayTypeSymbol array:
                    return array.Rank != 1
                        ? $"{Subject(path)} is a multi-dimensional array; only single-dimensional arrays are supported"
                        : Check(array.ElementType, (path ?? Display(array)) + "[]", visiting);
                case ITypeParameterSymbol or IErrorTypeSymbol:
                    // Unknown until instantiated, or already a compile error: nothing useful to say here.
                    return null;
                case INamedTypeSymbol named:
                    return CheckNamed(named, path, visiting);
                default:
                    return $"{Subject(path)} is typed '{Display(type)}', so the generator cannot know what to write";
            }
        }

        private string? CheckNamed(INamedTypeSymbol type, string? path, HashSet<ITypeSymbol> visiting)
        {
            if (IsScalar(type) || type.TypeKind == TypeKind.Enum) return null;
            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                return Check(type.TypeArguments[0], path, visiting);
            if (type.TypeKind == TypeKind.Delegate)
                return $"{Subject(path)} is a delegate ('{Display(type)}'), which is code rather than data";
            if (type.SpecialType == SpecialType.System_Object)
                return $"{Subject(path)} is typed 'object', so the generator cannot know what to write";
            if (type.TypeKind == TypeKind.Interface)
                return $"{Subject(path)} is the interface '{Display(type)}', so the generator cannot know which class to create";
            if (type.IsAbstract)
                return $"{Subject(path)} is the abstract class '{Display(type)}', so the generator cannot know which class to create";
            if (type.IsTupleType)
            {
                foreach (var element in type.TupleElements)
                {
                    if (Check(element.Type, Member(path, type, element.Name), visiting) is { } reason) return reason;
                }
                return null;
            }
            if (Implements(type, _enumerable))
                return $"{Subject(path)} is the collection '{Display(type)}'; only arrays are supported";
            // A type that contains itself (a linked list) is checked once.
            if (!visiting.Add(type)) return null;

            if (type.IsValueType && type.IsUnmanagedType)
            {
                // Blittable: copied as it is, private fields included, so only a pointer can break it.
                foreach (var member in type.GetMembers())
                {
                    if (member is IFieldSymbol { IsStatic: false } field
                        && Check(field.Type, Member(path, type, field.Name), visiting) is { } reason)
                        return reason;
                }
                return null;
            }

            var members = DataMembers(type);
            if (!type.IsAnonymousType && ConstructorProblem(type, members) is { } problem)
                return $"{ClassSubject(path, type)} {problem}";
            foreach (var member in members)
            {
                if (Check(TypeOf(member), Member(path, type, member.Name), visiting) is { } reason) return reason;
            }
            return null;
        }

        /// <summary>Public instance fields and readable properties, the derived declaration winning.</summary>
        private static List<ISymbol> DataMembers(INamedTypeSymbol type)
        {
            var members = new List<ISymbol>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public) continue;
                    var isData = member switch
                    {
                        IFieldSymbol => true,
                        IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } => true,
                        _ => false,
                    };
                    if (isData && names.Add(member.Name)) members.Add(member);
                }
            }
            return members;
        }

        /// <summary>
        /// Null when some public constructor can rebuild the value: a parameterless one, or one whose
        /// parameters each match a public member of the same name (ignoring case) and type.
        /// </summary>
        private static string? ConstructorProblem(INamedTypeSymbol type, List<ISymbol> members)
        {
            bool anyPublic = false;
            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility != Accessibility.Public) continue;
                anyPublic = true;
                if (MatchesMembers(constructor, members)) return null;
            }
            return anyPublic
                ? "has no public constructor whose parameters all match its public properties, so the generator cannot rebuild it"
                : "has no public constructor, so the generator cannot create one";
        }

        private static bool MatchesMembers(IMethodSymbol constructor, List<ISymbol> members)
        {
            foreach (var parameter in constructor.Parameters)
            {
                var matched = false;
                foreach (var member in members)
                {
                    if (string.Equals(member.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                        && SymbolEqualityComparer.Default.Equals(TypeOf(member), parameter.Type))
                    {
                        matched = true;
                        break;
                    }
                }
                if (!matched) return false;
            }
            return true;
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol @interface)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, @interface)) return true;
            }
            return false;
        }

        private bool IsScalar(INamedTypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_String:
                case SpecialType.System_DateTime:
                    return true;
                default:
                    return _scalars.Contains(type);
            }
        }

        private static ITypeSymbol TypeOf(ISymbol member) => member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;

        private static string Member(string? path, ITypeSymbol owner, string name) => (path ?? Display(owner)) + "." + name;

        private static string Subject(string? path) => path is null ? "it" : $"'{path}'";

        private static string ClassSubject(string? path, ITypeSymbol type) =>
            path is null ? $"'{Display(type)}'" : $"'{path}' ('{Display(type)}')";

        private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
    }
}
