namespace Compiled.Generators.Planning
{
    /// <summary>How the input loop of a stateless plan writes its output rows.</summary>
    internal enum SourceWrite
    {
        /// <summary><c>output.Add</c> per row: a flat map may write any number of rows per input row (also used by aggregations, which do not write in the loop).</summary>
        Append,
        /// <summary>At most one row per input row: reserve the input's length once, write through a local span and counter.</summary>
        Reserved,
        /// <summary>
        /// As <see cref="Reserved"/>, but every row is written and counted only when all filters kept it: no branch per
        /// row, which a filter passing rows at random mispredicts about half the time. Only when every step after the
        /// first filter may run on rejected rows, and the output holds no references (no GC write barrier per row).
        /// </summary>
        BranchFree,
    }
}
