using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes the key operations the runtime's <c>BatchTable</c> pre-aggregates a batch with: a struct of hash and
    /// equality specialised to the key type (see <see cref="KeyEquality"/>), plus, for keys looked up as spans, the span
    /// hash, span equality and the one string allocation per key new to the batch. The table itself lives in the runtime.
    /// </summary>
    internal static class KeyOpsEmitter
    {
        /// <summary>The hash-combining helper used by composite keys.</summary>
        public const string MixMethod = "Mix";

        private const string IBatchKeyOpsG = "global::Compiled.Aggregation.IBatchKeyOps";
        private const string IBatchAlternateKeyOpsG = "global::Compiled.Aggregation.IBatchAlternateKeyOps";

        /// <summary>Writes the key operations struct <paramref name="name"/> for <paramref name="key"/>.</summary>
        public static void Write(SourceWriter w, string name, TypeSpec key, bool spanKeys)
        {
            // A primitive's hash is as cheap to recompute as to load, and its equality is one compare: a smaller slot wins.
            bool storeHash = spanKeys || key.Shape is not (TypeShape.Primitive or TypeShape.Enum);
            string ops = IBatchKeyOpsG + "<" + key.Name + ">";
            if (spanKeys) ops += ", " + IBatchAlternateKeyOpsG + "<" + KnownNames.CharSpanG + ", " + key.Name + ">";
            w.Line("/// <summary>Hashing and equality of the group key, for the batch table.</summary>");
            w.Open("private readonly struct " + name + " : " + ops);
            w.Line("public bool StoresHash => " + (storeHash ? "true" : "false") + ";");
            w.Line();
            string hash = KeyEquality.Hash(key, "key");
            w.Line("public int Hash(in " + key.Name + " key) => " + hash + ";");
            w.Line();
            w.Line("public bool Equal(in " + key.Name + " a, in " + key.Name + " b) => " + KeyEquality.Equal(key, "a", "b") + ";");
            if (spanKeys)
            {
                // Split words are looked up as spans; a string is allocated only for a key new to the batch.
                // string.GetHashCode(span) equals the string's own hash, so both lookups find the same slot.
                w.Line();
                w.Line("public int Hash(" + KnownNames.CharSpanG + " key) => string.GetHashCode(key);");
                w.Line();
                w.Line("public bool Equal(" + KnownNames.CharSpanG + " key, in " + key.Name + " stored) => "
                    + KnownNames.MemoryExtensionsG + ".SequenceEqual(key, " + KnownNames.MemoryExtensionsG + ".AsSpan(stored));");
                w.Line();
                w.Line("public " + key.Name + " Create(" + KnownNames.CharSpanG + " key) => key.ToString();");
            }
            if (hash.Contains(MixMethod + "("))
            {
                w.Line();
                w.Line("private static int " + MixMethod + "(int hash, int value) => unchecked((hash * -1521134295) + value);");
            }
            w.Close();
        }
    }
}
