namespace Compiled.Generators.Model
{
    /// <summary>What the generator knows to read a row type from UTF-8 JSON exactly as System.Text.Json does.</summary>
    /// <param name="TypeName">The row type in generated code, <c>global::</c>-qualified.</param>
    /// <param name="DisplayName">The row type as users read it; also names the generated file.</param>
    /// <param name="Problem">Why System.Text.Json keeps reading the type (no reader is generated), or null.</param>
    /// <param name="Members">The JSON members, constructor parameters first in parameter order, then settable properties.</param>
    /// <param name="ConstructorArity">How many leading <paramref name="Members"/> the constructor takes.</param>
    /// <remarks>Cache boundary: add only immutable, value-equal members.</remarks>
    internal sealed record JsonReaderSpec(
        string TypeName,
        string DisplayName,
        string? Problem,
        ImmutableEquatableArray<JsonMemberSpec> Members,
        int ConstructorArity);

    /// <summary>One member of a JSON row type.</summary>
    /// <param name="Name">The C# property name.</param>
    /// <param name="JsonName">The JSON name (the property name or its <c>[JsonPropertyName]</c>); ASCII.</param>
    /// <param name="TypeName">The member's type in generated code, nullable annotations included.</param>
    /// <param name="Kind">How the value is read.</param>
    /// <param name="IsNullableValue">True for <c>Nullable&lt;T&gt;</c>: JSON <c>null</c> reads as null.</param>
    /// <param name="IsReference">True for reference types: JSON <c>null</c> reads as null without a converter.</param>
    /// <param name="Enum">For enums, the enum type (<paramref name="Kind"/> is then its underlying integer type), else null.</param>
    /// <param name="Converter">The member's <c>[JsonConverter]</c> type, or null.</param>
    /// <param name="MustBePresent">True when a missing member is not simply its default: <c>required</c>, <c>[JsonRequired]</c>, or a constructor parameter with a default value.</param>
    internal sealed record JsonMemberSpec(
        string Name,
        string JsonName,
        string TypeName,
        JsonValueKind Kind,
        bool IsNullableValue,
        bool IsReference,
        string? Enum,
        string? Converter,
        bool MustBePresent);

    /// <summary>The JSON value a member reads, named after the <c>Utf8JsonReader.TryGet…</c> method that reads it.</summary>
    internal enum JsonValueKind
    {
        /// <summary>Read by the member's converter.</summary>
        Converter,
        /// <summary>A JSON string or null.</summary>
        String,
        /// <summary>true or false.</summary>
        Boolean,
        /// <summary>A number.</summary>
        Byte,
        /// <summary>A number.</summary>
        SByte,
        /// <summary>A number.</summary>
        Int16,
        /// <summary>A number.</summary>
        UInt16,
        /// <summary>A number.</summary>
        Int32,
        /// <summary>A number.</summary>
        UInt32,
        /// <summary>A number.</summary>
        Int64,
        /// <summary>A number.</summary>
        UInt64,
        /// <summary>A number.</summary>
        Single,
        /// <summary>A number.</summary>
        Double,
        /// <summary>A number.</summary>
        Decimal,
        /// <summary>An ISO 8601 string.</summary>
        DateTime,
        /// <summary>An ISO 8601 string.</summary>
        DateTimeOffset,
        /// <summary>A GUID string.</summary>
        Guid,
    }
}
