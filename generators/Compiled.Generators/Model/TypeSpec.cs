namespace Compiled.Generators.Model
{
    /// <summary>What the generator knows about a row, key or value type.</summary>
    /// <param name="Name">C# syntax for the type in generated code, <c>global::</c>-qualified, e.g. <c>global::Shop.Trade</c>.</param>
    /// <param name="SchemaName">Canonical schema text used in fingerprints, e.g. <c>record Shop.Key(string Word, int Len)</c>.</param>
    /// <param name="Shape">How keys and serialisers treat the type.</param>
    /// <param name="IsValueType">True for structs.</param>
    /// <param name="IsUnmanaged">True when the type holds no references, so state stores keep it as raw bytes.</param>
    /// <param name="MemberwiseEquality">True when equality and hashing are generated member by member (tuples, sealed records).</param>
    /// <param name="Problem">Why the type cannot be kept as state (no serialiser can be generated), or null when it can.</param>
    /// <param name="Members">Tuple elements or record members, in declaration order.</param>
    /// <param name="ConstructorArity">For records: how many leading <paramref name="Members"/> the constructor takes; the rest are set by an initializer.</param>
    /// <remarks>Cache boundary: add only immutable, value-equal members.</remarks>
    internal sealed record TypeSpec(
        string Name,
        string SchemaName,
        TypeShape Shape,
        bool IsValueType,
        bool IsUnmanaged,
        bool MemberwiseEquality,
        string? Problem,
        ImmutableEquatableArray<MemberSpec> Members,
        int ConstructorArity)
    {
        /// <summary>True when a serialiser can be generated (or none is needed).</summary>
        public bool IsSerializable => Problem is null;

        /// <summary>True for <c>Nullable&lt;T&gt;</c> and annotated reference types (<c>string?</c>): a key of this type may be null.</summary>
        public bool AdmitsNull => Shape == TypeShape.Nullable || (!IsValueType && Name.EndsWith("?", System.StringComparison.Ordinal));

        /// <summary>The type as users write it, without <c>global::</c>.</summary>
        public string Display => Name.Replace("global::", string.Empty);
    }

    /// <summary>One member of a tuple or record key or value.</summary>
    /// <param name="Name">The member's name (<c>Item1</c>… for tuples).</param>
    /// <param name="Type">The member's type.</param>
    internal sealed record MemberSpec(string Name, TypeSpec Type);
}
