using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes <c>IStateSerializer&lt;T&gt;</c>s for keys and accumulators that hold references, and the <c>Codec</c> of
    /// composite types they share. Unmanaged values and strings go through the runtime's <c>StateCodec</c> (raw bytes;
    /// an int32 length, -1 for null, and UTF-16 code units); tuples and records member by member, a presence byte
    /// before a reference type.
    /// </summary>
    internal sealed class SerializerEmitter
    {
        /// <summary>The shared codec class.</summary>
        public const string Codec = "Codec";
        private const string RuntimeCodec = "global::Compiled.State.Serializers.StateCodec";
        private const string BufferWriter = "global::System.Buffers.IBufferWriter<byte>";
        private const string Bytes = "global::System.ReadOnlySpan<byte>";

        private readonly List<TypeSpec> _composites = new List<TypeSpec>();

        /// <summary>True when <paramref name="type"/> goes to the store as raw bytes.</summary>
        public static bool IsRaw(TypeSpec type) => type.IsUnmanaged && type.Shape != TypeShape.Nullable;

        /// <summary>A statement writing <paramref name="value"/> of <paramref name="type"/> (null: the unmanaged <paramref name="typeName"/>).</summary>
        public string Write(TypeSpec? type, string typeName, string writer, string value)
        {
            if (type is null || IsRaw(type)) return RuntimeCodec + ".WriteRaw<" + typeName + ">(" + writer + ", " + value + ");";
            if (type.Shape == TypeShape.String) return RuntimeCodec + ".WriteString(" + writer + ", " + value + ");";
            return Codec + ".Write" + Register(type) + "(" + writer + ", " + value + ");";
        }

        /// <summary>An expression reading a value of <paramref name="type"/> (null: the unmanaged <paramref name="typeName"/>).</summary>
        public string Read(TypeSpec? type, string typeName, string bytes, string offset)
        {
            if (type is null || IsRaw(type)) return RuntimeCodec + ".ReadRaw<" + typeName + ">(" + bytes + ", ref " + offset + ")";
            if (type.Shape == TypeShape.String) return RuntimeCodec + ".ReadString(" + bytes + ", ref " + offset + ")";
            return Codec + ".Read" + Register(type) + "(" + bytes + ", ref " + offset + ")";
        }

        /// <summary>Writes a serialiser class <paramref name="name"/> for <paramref name="type"/> whose body is written by the callbacks.</summary>
        public void WriteSerializer(SourceWriter w, string name, string type, string summary,
            System.Action<SourceWriter> serialize, System.Action<SourceWriter> deserialize)
        {
            w.Line("/// <summary>" + summary + "</summary>");
            w.Open("private sealed class " + name + " : " + KnownNames.IStateSerializerG + "<" + type + ">");
            w.Open("public void Serialize(in " + type + " value, " + BufferWriter + " writer)");
            serialize(w);
            w.Close();
            w.Line();
            w.Open("public " + type + " Deserialize(" + Bytes + " bytes)");
            w.Line("int offset = 0;");
            deserialize(w);
            w.Close();
            w.Close();
        }

        /// <summary>Writes a serialiser class <paramref name="name"/> that encodes a whole value of <paramref name="type"/> (C# name <paramref name="typeName"/>).</summary>
        public void WriteSerializer(SourceWriter w, string name, TypeSpec type, string typeName, string summary) =>
            WriteSerializer(w, name, typeName, summary,
                s => s.Line(Write(type, typeName, "writer", "value")),
                s => s.Line("return " + Read(type, typeName, "bytes", "offset") + ";"));

        /// <summary>Writes the codec: one write and read method per composite type used; nothing when there is none.</summary>
        public void WriteCodec(SourceWriter w)
        {
            if (_composites.Count == 0) return;
            w.Line();
            w.Line("/// <summary>Encodes the composite state keys and values; see the generator docs for the format.</summary>");
            w.Open("private static class " + Codec);
            // Writing a composite may register the composites it contains; loop until none is left.
            for (int i = 0; i < _composites.Count; i++)
            {
                if (i > 0) w.Line();
                WriteComposite(w, _composites[i], Suffix(i));
            }
            w.Close();
        }

        private void WriteComposite(SourceWriter w, TypeSpec type, string suffix)
        {
            bool nullableReference = !type.IsValueType;
            w.Open("public static void Write" + suffix + "(" + BufferWriter + " writer, in " + type.Name + " value)");
            if (type.Shape == TypeShape.Nullable)
            {
                w.Line(RuntimeCodec + ".WriteRaw(writer, value.HasValue);");
                w.Line("if (value.HasValue) " + Write(type.Members[0].Type, type.Members[0].Type.Name, "writer", "value.GetValueOrDefault()"));
            }
            else
            {
                if (nullableReference)
                {
                    w.Line(RuntimeCodec + ".WriteRaw(writer, value is not null);");
                    w.Line("if (value is null) return;");
                }
                foreach (var member in type.Members) w.Line(Write(member.Type, member.Type.Name, "writer", "value." + member.Name));
            }
            w.Close();
            w.Line();
            w.Open("public static " + type.Name + " Read" + suffix + "(" + Bytes + " bytes, ref int offset)");
            if (type.Shape == TypeShape.Nullable)
            {
                w.Line("if (!" + RuntimeCodec + ".ReadRaw<bool>(bytes, ref offset)) return null;");
                w.Line("return " + Read(type.Members[0].Type, type.Members[0].Type.Name, "bytes", "offset") + ";");
                w.Close();
                return;
            }
            if (nullableReference) w.Line("if (!" + RuntimeCodec + ".ReadRaw<bool>(bytes, ref offset)) return null!;");
            for (int i = 0; i < type.Members.Count; i++)
            {
                w.Line("var m" + Literals.Int(i) + " = " + Read(type.Members[i].Type, type.Members[i].Type.Name, "bytes", "offset") + ";");
            }
            w.Line("return " + Construct(type) + ";");
            w.Close();
        }

        private static string Construct(TypeSpec type)
        {
            var values = type.Members.Select((m, i) => "m" + Literals.Int(i)).ToArray();
            if (type.Shape == TypeShape.Tuple)
            {
                return values.Length switch
                {
                    0 => "default",
                    1 => "new " + type.Name + "(" + values[0] + ")",
                    _ => "(" + string.Join(", ", values) + ")",
                };
            }
            string arguments = string.Join(", ", values.Take(type.ConstructorArity));
            var setters = type.Members.Skip(type.ConstructorArity).Select((m, i) => m.Name + " = " + values[type.ConstructorArity + i]).ToArray();
            return "new " + type.Name.TrimEnd('?') + "(" + arguments + ")" + (setters.Length == 0 ? string.Empty : " { " + string.Join(", ", setters) + " }");
        }

        private string Register(TypeSpec type)
        {
            int index = _composites.IndexOf(type);
            if (index < 0)
            {
                index = _composites.Count;
                _composites.Add(type);
            }
            return Suffix(index);
        }

        private static string Suffix(int index) => "_" + index.ToString(CultureInfo.InvariantCulture);
    }
}
