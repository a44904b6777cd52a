namespace Compiled.Generators.Model
{
    /// <summary>How the generator handles a type in keys, accumulators and serialisers.</summary>
    internal enum TypeShape
    {
        /// <summary><c>string</c>: ordinal equality, length-prefixed UTF-16 when serialised.</summary>
        String,
        /// <summary>A built-in numeric, <c>bool</c> or <c>char</c>.</summary>
        Primitive,
        /// <summary>An enum; compared and stored as its underlying value.</summary>
        Enum,
        /// <summary>Any other struct without references (DateTime, Guid, user structs): stored as raw bytes.</summary>
        Unmanaged,
        /// <summary>A value tuple, or an anonymous type (which the generator rewrites to a value tuple).</summary>
        Tuple,
        /// <summary>A record or record struct whose state the generator can read and rebuild.</summary>
        Record,
        /// <summary><c>Nullable&lt;T&gt;</c>.</summary>
        Nullable,
        /// <summary>Anything else: default equality, no generated serialiser.</summary>
        Other,
    }
}
