namespace Compiled.Generators.Model
{
    /// <summary>A lambda of the query body, rewritten so it compiles inside the generated plan.</summary>
    /// <param name="Name">Name of the generated method, unique in the query, e.g. <c>Where1</c>.</param>
    /// <param name="Parameter">The parameter name as the user wrote it.</param>
    /// <param name="ParameterType">C# syntax of the parameter type.</param>
    /// <param name="ParameterIsLargeStruct">True when the parameter is a non-primitive struct that the body never captures, so it is passed by <c>in</c>.</param>
    /// <param name="ReturnType">C# syntax of the generated method's return type.</param>
    /// <param name="Body">The body with every name fully qualified: an expression, or a block when <paramref name="IsBlock"/>.</param>
    /// <param name="IsBlock">True when <paramref name="Body"/> is a block.</param>
    /// <param name="NullableEnabled">The nullable context at the lambda in the user's file, reproduced in generated code.</param>
    /// <param name="SpanBody">
    /// For a <c>string</c> parameter: the same body with the parameter typed <c>ReadOnlySpan&lt;char&gt;</c>, or null when
    /// the body needs a real string. Lets split words flow through filters without a substring per word.
    /// </param>
    /// <param name="CanSpeculate">
    /// True when the body provably cannot throw and has no side effects, so it may also run on rows an earlier filter
    /// rejected (see <c>Parsing.Speculation</c>): lets a filter-then-map loop run without a branch per row.
    /// </param>
    /// <param name="Helpers">Helper methods the body calls (specialised BCL patterns), as complete declarations.</param>
    /// <param name="Display">The lambda's source text on one line, for plan comments.</param>
    /// <remarks>Cache boundary: add only immutable, value-equal members.</remarks>
    internal sealed record LambdaSpec(
        string Name,
        string Parameter,
        string ParameterType,
        bool ParameterIsLargeStruct,
        string ReturnType,
        string Body,
        bool IsBlock,
        bool NullableEnabled,
        string? SpanBody,
        bool CanSpeculate,
        ImmutableEquatableArray<string> Helpers,
        string Display);
}
