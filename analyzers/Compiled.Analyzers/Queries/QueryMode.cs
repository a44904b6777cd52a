namespace Compiled.Analyzers.Queries
{
    /// <summary>The analyzers' copy of <c>Compiled.OutputMode</c>, matched by member name.</summary>
    internal enum QueryMode
    {
        /// <summary>The attribute's argument is missing or not a known member.</summary>
        Unknown,
        Append,
        Update,
        Complete,
    }
}
