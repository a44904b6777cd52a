using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Equality and hash expressions specialised to a key type: tuples and sealed records compare member by member with
    /// each member's own comparison (ordinal strings, <c>==</c> on integers), so struct keys are never boxed.
    /// Semantics match <c>EqualityComparer&lt;T&gt;.Default</c>, which is what LINQ's GroupBy uses.
    /// </summary>
    internal static class KeyEquality
    {
        private const string Comparer = "global::System.Collections.Generic.EqualityComparer";

        /// <summary>An expression that is true when <paramref name="a"/> equals <paramref name="b"/>.</summary>
        public static string Equal(TypeSpec type, string a, string b)
        {
            switch (type.Shape)
            {
                case TypeShape.String:
                    return "string.Equals(" + a + ", " + b + ")";
                case TypeShape.Primitive when type.Name is "float" or "double":
                    // Equals, unlike ==, treats NaN as equal to itself, as EqualityComparer does.
                    return a + ".Equals(" + b + ")";
                case TypeShape.Primitive:
                case TypeShape.Enum:
                    return a + " == " + b;
                case TypeShape.Nullable:
                    var inner = type.Members[0].Type;
                    return "(" + a + ".HasValue == " + b + ".HasValue && (!" + a + ".HasValue || "
                        + Equal(inner, a + ".GetValueOrDefault()", b + ".GetValueOrDefault()") + "))";
                case TypeShape.Tuple:
                case TypeShape.Record when type.MemberwiseEquality:
                    string members = type.Members.Count == 0
                        ? "true"
                        : string.Join(" && ", type.Members.Select(m => "(" + Equal(m.Type, a + "." + m.Name, b + "." + m.Name) + ")"));
                    return type.IsValueType
                        ? "(" + members + ")"
                        : "(ReferenceEquals(" + a + ", " + b + ") || (" + a + " is not null && " + b + " is not null && " + members + "))";
                default:
                    return Comparer + "<" + type.Name + ">.Default.Equals(" + a + ", " + b + ")";
            }
        }

        /// <summary>An int hash of <paramref name="value"/>, consistent with <see cref="Equal"/>.</summary>
        public static string Hash(TypeSpec type, string value)
        {
            switch (type.Shape)
            {
                case TypeShape.String:
                    return "(" + value + " is null ? 0 : " + value + ".GetHashCode())";
                case TypeShape.Primitive:
                    return value + ".GetHashCode()";
                case TypeShape.Enum:
                    // EqualityComparer is specialised for enums: no boxing, unlike a virtual GetHashCode call through Enum.
                    return Comparer + "<" + type.Name + ">.Default.GetHashCode(" + value + ")";
                case TypeShape.Nullable:
                    return "(" + value + ".HasValue ? " + Hash(type.Members[0].Type, value + ".GetValueOrDefault()") + " : 0)";
                case TypeShape.Tuple:
                case TypeShape.Record when type.MemberwiseEquality:
                    string mixed = "0";
                    foreach (var member in type.Members)
                    {
                        mixed = KeyOpsEmitter.MixMethod + "(" + mixed + ", " + Hash(member.Type, value + "." + member.Name) + ")";
                    }
                    return type.IsValueType ? mixed : "(" + value + " is null ? 0 : " + mixed + ")";
                default:
                    return type.IsValueType
                        ? Comparer + "<" + type.Name + ">.Default.GetHashCode(" + value + ")"
                        : "(" + value + " is null ? 0 : " + Comparer + "<" + type.Name + ">.Default.GetHashCode(" + value + "!))";
            }
        }
    }
}
