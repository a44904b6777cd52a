namespace Compiled.Generators.Model
{
    /// <summary>One logical operator of a query, in chain order after the source.</summary>
    /// <remarks>Cache boundary: derived records add only immutable, value-equal members.</remarks>
    internal abstract record OperatorSpec
    {
        /// <summary>Short name for plan comments and descriptions, e.g. <c>Filter</c>.</summary>
        public abstract string Kind { get; }
    }

    /// <summary><c>Where(predicate)</c>.</summary>
    internal sealed record FilterSpec(LambdaSpec Predicate) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Filter";
    }

    /// <summary><c>Select(selector)</c> on rows.</summary>
    /// <param name="Selector">The row mapping.</param>
    /// <param name="ResultType">The mapped row type.</param>
    /// <param name="SpanMap">A string-to-string mapping that can run on a span without allocating, or <see cref="StringMapKind.None"/>.</param>
    /// <param name="Copies">Result members that copy an input member unchanged (<c>t =&gt; new R(t.Time, …)</c>), for watermark lineage.</param>
    internal sealed record MapSpec(LambdaSpec Selector, TypeSpec ResultType, StringMapKind SpanMap, ImmutableEquatableArray<MemberCopy> Copies) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Map";
    }

    /// <summary>A result member of a <c>Select</c> that holds an input member's value unchanged.</summary>
    /// <param name="Output">The result's member.</param>
    /// <param name="Input">The input row's member it copies.</param>
    internal sealed record MemberCopy(string Output, string Input);

    /// <summary><c>SelectMany(selector)</c>.</summary>
    /// <param name="Selector">Returns the collection; its natural type is kept so struct enumerators are used.</param>
    /// <param name="ElementType">The produced row type.</param>
    /// <param name="Split">Set when the selector is <c>string.Split</c> on constant separators: split spans instead.</param>
    internal sealed record FlatMapSpec(LambdaSpec Selector, TypeSpec ElementType, SplitSpec? Split) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "FlatMap";
    }

    /// <summary>A <c>row =&gt; expr.Split(separators, options)</c> selector recognised for span splitting.</summary>
    /// <param name="Receiver">Computes the string to split from the row.</param>
    /// <param name="Separators">The separator characters, in the order written.</param>
    /// <param name="RemoveEmpty"><c>StringSplitOptions.RemoveEmptyEntries</c>.</param>
    /// <param name="Trim"><c>StringSplitOptions.TrimEntries</c>.</param>
    /// <param name="ReceiverIsRow">True for <c>x =&gt; x.Split(...)</c>: a span row can then be split without becoming a string.</param>
    internal sealed record SplitSpec(LambdaSpec Receiver, string Separators, bool RemoveEmpty, bool Trim, bool ReceiverIsRow);

    /// <summary>A string mapping with an allocation-free span equivalent.</summary>
    internal enum StringMapKind
    {
        /// <summary>No span form: the row must be a string.</summary>
        None,
        /// <summary><c>s.ToLowerInvariant()</c>.</summary>
        LowerInvariant,
        /// <summary><c>s.ToUpperInvariant()</c>.</summary>
        UpperInvariant,
        /// <summary><c>s.Trim()</c>.</summary>
        Trim,
        /// <summary><c>s.TrimStart()</c>.</summary>
        TrimStart,
        /// <summary><c>s.TrimEnd()</c>.</summary>
        TrimEnd,
    }

    /// <summary><c>OrderBy</c> / <c>OrderByDescending</c>: valid only on an aggregation's result in Complete mode (CQ1301), not compiled yet.</summary>
    /// <param name="Descending">True for <c>OrderByDescending</c>.</param>
    /// <param name="AfterAggregation">True when an aggregation runs upstream.</param>
    internal sealed record SortSpec(bool Descending, bool AfterAggregation) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => Descending ? "OrderByDescending" : "OrderBy";
    }

    /// <summary><c>Take</c> (valid outside Update mode) or <c>Skip</c> (never valid on a stream): CQ1302; not compiled yet.</summary>
    /// <param name="IsSkip">True for <c>Skip</c>.</param>
    internal sealed record LimitSpec(bool IsSkip) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => IsSkip ? "Skip" : "Take";
    }
}
