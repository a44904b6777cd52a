namespace Compiled.Generators.Model
{
    /// <summary><c>GroupBy(key).Select(g =&gt; result)</c>: a keyed aggregation over all time.</summary>
    /// <param name="Key">The key selector.</param>
    /// <param name="KeyType">The key type (anonymous types are rewritten to value tuples).</param>
    /// <param name="KeyIsIdentity">True for <c>GroupBy(x =&gt; x)</c>, which lets a span row be looked up without a string.</param>
    /// <param name="Calls">The aggregate calls of the result selector, in source order; call i owns accumulator field <c>A{i}</c>.</param>
    /// <param name="Result">Builds the result row from the key and the accumulator.</param>
    /// <param name="ResultType">The result row type.</param>
    /// <param name="Window">The time window the key groups by, or null for an aggregation over all time.</param>
    internal sealed record AggregateSpec(
        LambdaSpec Key,
        TypeSpec KeyType,
        bool KeyIsIdentity,
        ImmutableEquatableArray<AggregateCallSpec> Calls,
        GroupResultSpec Result,
        TypeSpec ResultType,
        WindowSpec? Window) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Aggregate";
    }

    /// <summary>One aggregate call in a group's result selector, e.g. <c>g.Sum(t =&gt; t.Amount)</c>.</summary>
    /// <param name="Kind">The aggregate function.</param>
    /// <param name="Argument">The selector (Sum, Min, Max, Average) or predicate (Count, LongCount); null for a plain count.</param>
    /// <param name="ValueType">The selector's result type, or null for counts.</param>
    internal sealed record AggregateCallSpec(AggregateKind Kind, LambdaSpec? Argument, TypeSpec? ValueType);

    /// <summary>The aggregate functions a group supports.</summary>
    internal enum AggregateKind
    {
        /// <summary><c>Count()</c>, as int.</summary>
        Count,
        /// <summary><c>LongCount()</c>.</summary>
        LongCount,
        /// <summary><c>Sum(selector)</c>; int and long sums widen to long.</summary>
        Sum,
        /// <summary><c>Min(selector)</c>.</summary>
        Min,
        /// <summary><c>Max(selector)</c>.</summary>
        Max,
        /// <summary><c>Average(selector)</c>: a sum and a count.</summary>
        Average,
    }

    /// <summary>The group result selector, rewritten to read the key from <c>__key</c> and aggregates from <c>__acc</c>.</summary>
    /// <param name="Body">The rewritten expression, or a block when <paramref name="IsBlock"/>.</param>
    /// <param name="IsBlock">True when <paramref name="Body"/> is a block.</param>
    /// <param name="ReturnType">C# syntax of the result row type.</param>
    /// <param name="NullableEnabled">The nullable context at the selector in the user's file.</param>
    /// <param name="Helpers">Helper methods the body calls.</param>
    /// <param name="Display">The selector's source text on one line.</param>
    internal sealed record GroupResultSpec(
        string Body,
        bool IsBlock,
        string ReturnType,
        bool NullableEnabled,
        ImmutableEquatableArray<string> Helpers,
        string Display);
}
