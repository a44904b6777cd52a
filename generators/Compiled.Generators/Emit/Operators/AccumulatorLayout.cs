using System.Collections.Generic;
using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>The fields of an aggregation's accumulator struct: one value per call, plus a count per average.</summary>
    internal static class AccumulatorLayout
    {
        /// <summary>(field name, C# type, schema type) for each accumulator field, in call order.</summary>
        public static IEnumerable<(string Name, TypeSpec? Type, string TypeName)> Fields(AggregateSpec aggregate)
        {
            for (int i = 0; i < aggregate.Calls.Count; i++)
            {
                var call = aggregate.Calls[i];
                string value = GeneratedNames.ValueField(i);
                switch (call.Kind)
                {
                    case AggregateKind.Count:
                    case AggregateKind.LongCount:
                        yield return (value, null, "long");
                        break;
                    case AggregateKind.Sum:
                        yield return (value, null, SumType(call.ValueType!));
                        break;
                    case AggregateKind.Average:
                        yield return (value, null, SumType(call.ValueType!));
                        yield return (GeneratedNames.CountField(i), null, "long");
                        break;
                    default:
                        yield return (value, call.ValueType, call.ValueType!.Name);
                        break;
                }
            }
        }

        /// <summary>True when the accumulator holds no references, so the state store keeps it as raw bytes.</summary>
        public static bool IsUnmanaged(AggregateSpec aggregate)
        {
            foreach (var call in aggregate.Calls)
            {
                if (call.Kind is AggregateKind.Min or AggregateKind.Max && !call.ValueType!.IsUnmanaged) return false;
            }
            return true;
        }

        /// <summary>
        /// How a field of C# type <paramref name="typeName"/> is written into a window chunk: the <c>ChunkWriter</c> and
        /// <c>ChunkReader</c> methods and the most bytes it takes. Integers are varints (zigzag for signed types); every
        /// other type is its raw bytes.
        /// </summary>
        public static (string Write, string Read, string MaxBytes) CompactForm(string typeName)
        {
            switch (typeName)
            {
                case "long": return ("WriteSigned", "ReadInt64", "10");
                case "int": return ("WriteSigned", "ReadInt32", "5");
                case "short": return ("WriteSigned", "ReadInt16", "3");
                case "sbyte": return ("WriteSigned", "ReadSByte", "2");
                case "ulong": return ("WriteUnsigned", "ReadUInt64", "10");
                case "uint": return ("WriteUnsigned", "ReadUInt32", "5");
                case "ushort": return ("WriteUnsigned", "ReadUInt16", "3");
                case "char": return ("WriteUnsigned", "ReadChar", "3");
                case "byte": return ("WriteUnsigned", "ReadByte", "2");
                default: return ("WriteRaw", "ReadRaw<" + typeName + ">", "global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + typeName + ">()");
            }
        }

        /// <summary>Sums widen int to long, as the DSL's <c>Sum</c> signatures (and Spark) do.</summary>
        private static string SumType(TypeSpec value) => value.Name is "int" or "long" ? "long" : value.Name;

        /// <summary>An expression true when <paramref name="a"/> orders before <paramref name="b"/> (ordinal for strings).</summary>
        public static string Less(TypeSpec type, string a, string b)
        {
            switch (type.Shape)
            {
                case TypeShape.String:
                    return "string.CompareOrdinal(" + a + ", " + b + ") < 0";
                case TypeShape.Primitive when type.Name is "float" or "double":
                    // CompareTo orders NaN first, as Comparer<T>.Default does.
                    return a + ".CompareTo(" + b + ") < 0";
                case TypeShape.Primitive when type.Name != "bool":
                case TypeShape.Enum:
                    return a + " < " + b;
                default:
                    return "global::System.Collections.Generic.Comparer<" + type.Name + ">.Default.Compare(" + a + ", " + b + ") < 0";
            }
        }
    }
}
