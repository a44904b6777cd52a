using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Keys that may be null (<see cref="TypeSpec.AdmitsNull"/>) in deduplication and keyed state: state stores need
    /// non-null keys, so such a key is kept as a <c>NullableKey&lt;T&gt;</c> (a presence flag and the key), and a null key
    /// is one key, as in Spark. Other keys pass through unchanged.
    /// </summary>
    internal static class NullableKeys
    {
        private const string Runtime = "global::Compiled.KeyedState.NullableKey";

        /// <summary>The key without its nullability: what the serialiser writes after the presence byte.</summary>
        public static TypeSpec Inner(TypeSpec key)
        {
            if (!key.AdmitsNull) return key;
            return key.Shape == TypeShape.Nullable ? key.Members[0].Type : key with { Name = key.Name.TrimEnd('?') };
        }

        /// <summary>The key type as the state store sees it.</summary>
        public static string StoreKey(TypeSpec key) => key.AdmitsNull ? Runtime + "<" + Inner(key).Name + ">" : key.Name;

        /// <summary>The store key of the user's key <paramref name="expression"/>.</summary>
        public static string ToStore(TypeSpec key, string expression) => key.AdmitsNull ? Runtime + ".Of(" + expression + ")" : expression;

        /// <summary>The user's key from the store key <paramref name="expression"/>.</summary>
        public static string FromStore(TypeSpec key, string expression)
        {
            if (!key.AdmitsNull) return expression;
            return key.Shape == TypeShape.Nullable ? Runtime + ".ToNullable(" + expression + ")" : expression + ".Value";
        }

        /// <summary>
        /// The key serialiser argument of <c>GetStateStore</c>: null when the store key is raw bytes, else the generated
        /// serialiser <paramref name="serializer"/> of <see cref="Inner"/>, wrapped for a key that may be null.
        /// </summary>
        public static string Serializer(TypeSpec key, string serializer)
        {
            if (SerializerEmitter.IsRaw(Inner(key))) return "null";
            string inner = "new " + serializer + "()";
            return key.AdmitsNull ? "new global::Compiled.KeyedState.NullableKeySerializer<" + Inner(key).Name + ">(" + inner + ")" : inner;
        }
    }
}
