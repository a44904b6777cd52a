namespace Compiled.Generators.Model
{
    /// <summary>Everything the generator needs to emit one query: the parse result of a <c>[StreamingQuery]</c> class.</summary>
    /// <param name="Owner">The partial class the query lives in.</param>
    /// <param name="QueryName">The attribute's <c>Name</c>, or the class name.</param>
    /// <param name="OutputMode">The attribute's output mode (values of <c>Compiled.OutputMode</c>).</param>
    /// <param name="Inputs">The <c>Define</c> parameters, in order.</param>
    /// <param name="SourceIndex">Which input the chain starts from.</param>
    /// <param name="OutputType">The row type of the returned stream.</param>
    /// <param name="Operators">The chain after the source, in order.</param>
    /// <param name="Accessibility">Accessibility of the generated <c>Start</c>: <c>public</c> unless a row type is less visible.</param>
    /// <remarks>Cache boundary: add only immutable, value-equal members; never an ISymbol, SyntaxNode or Location.</remarks>
    internal sealed record QuerySpec(
        OwnerSpec Owner,
        string QueryName,
        int OutputMode,
        ImmutableEquatableArray<InputSpec> Inputs,
        int SourceIndex,
        TypeSpec OutputType,
        ImmutableEquatableArray<OperatorSpec> Operators,
        string Accessibility)
    {
        /// <summary>The <c>StaticTable&lt;T&gt;</c> parameters of <c>Define</c>, in order; typed inputs of <c>Start</c> after the streams.</summary>
        public ImmutableEquatableArray<TableSpec> Tables { get; init; } = ImmutableEquatableArray<TableSpec>.Empty;
    }

    /// <summary>Where the generated members go.</summary>
    /// <param name="Namespace">The namespace, or null for the global namespace.</param>
    /// <param name="Containers">Enclosing types from outermost to the query class itself.</param>
    /// <param name="FullName">The class's <c>global::</c>-qualified name.</param>
    /// <param name="DisplayName">The class's name as users read it, e.g. <c>Shop.Queries.WordCount</c>.</param>
    internal sealed record OwnerSpec(
        string? Namespace,
        ImmutableEquatableArray<ContainerSpec> Containers,
        string FullName,
        string DisplayName);

    /// <summary>One enclosing partial type declaration.</summary>
    /// <param name="Keyword">class, struct, record, record struct or interface.</param>
    /// <param name="Name">The type's name.</param>
    internal sealed record ContainerSpec(string Keyword, string Name);

    /// <summary>One input stream: a <c>Define</c> parameter.</summary>
    /// <param name="Name">Parameter name, reused by the generated <c>Start</c>.</param>
    /// <param name="RowType">The stream's row type.</param>
    internal sealed record InputSpec(string Name, TypeSpec RowType);
}
