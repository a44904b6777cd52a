using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>How one step of a fused loop runs.</summary>
    internal enum StageKind
    {
        /// <summary>Skip rows failing a predicate.</summary>
        Filter,
        /// <summary>Skip span rows failing a predicate's span form.</summary>
        SpanFilter,
        /// <summary>Replace the row with the selector's result.</summary>
        Map,
        /// <summary>Lowercase, uppercase or trim a span row into a scratch buffer, without a string.</summary>
        SpanMap,
        /// <summary>Loop over the selector's collection.</summary>
        FlatMap,
        /// <summary>Loop over the separators of a string, producing span rows.</summary>
        Split,
        /// <summary>Split a span row again (<c>w =&gt; w.Split(...)</c> after a split), still without strings.</summary>
        SpanSplit,
        /// <summary>Turn a span row into a string, where the next step needs one.</summary>
        Materialize,
        /// <summary>Read the row's event time: follow the input's largest time and drop (or route) rows behind the watermark.</summary>
        Watermark,
        /// <summary>Pass a row only the first time its deduplication key is seen; the key is kept in the operator's state.</summary>
        Dedup,
        /// <summary>Look the row's key up in a static table's index: a loop over the matches, or a test for semi and anti joins.</summary>
        StaticJoin,
    }

    /// <summary>One step of a fused loop.</summary>
    /// <param name="Kind">How it runs.</param>
    /// <param name="Operator">The logical operator it runs, or null for <see cref="StageKind.Materialize"/>.</param>
    /// <param name="State">The state operator of a stateful stage (<see cref="StageKind.Dedup"/>), else null.</param>
    internal sealed record Stage(StageKind Kind, OperatorSpec? Operator, StateOperatorPlan? State = null);
}
