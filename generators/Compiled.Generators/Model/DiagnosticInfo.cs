using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Compiled.Generators.Model
{
    /// <summary>A diagnostic to report, held by value so it can travel through the incremental pipeline.</summary>
    /// <param name="Id">The diagnostic id, e.g. CQ0003.</param>
    /// <param name="Location">Where to report it.</param>
    /// <param name="Arguments">Message format arguments.</param>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, ImmutableEquatableArray<string> Arguments);

    /// <summary>A source location by value (a <see cref="Microsoft.CodeAnalysis.Location"/> would pin the compilation).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        /// <summary>Captures <paramref name="location"/>; null when it is not in source.</summary>
        public static LocationInfo? From(Location? location) =>
            location is null || !location.IsInSource
                ? null
                : new LocationInfo(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

        /// <summary>Recreates the location.</summary>
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }

    /// <summary>What parsing one <c>[StreamingQuery]</c> class produced.</summary>
    /// <param name="Query">The model to compile, or null when the query is invalid or not compiled yet.</param>
    /// <param name="Invalid">For a query that has a valid <c>Define</c> signature but cannot be compiled: what its uncallable <c>Start</c> says.</param>
    /// <param name="Diagnostics">Generator diagnostics, with their locations.</param>
    internal sealed record ParseResult(QuerySpec? Query, InvalidQuerySpec? Invalid, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A query the generator does not compile, for which it still emits a <c>Start</c> marked obsolete as an error.</summary>
    /// <param name="Header">The query's owner, name, inputs and output (no operators).</param>
    /// <param name="Reason">The obsolete message: the CQ diagnostics that stop it, so a call site never sees a bare CS0117.</param>
    internal sealed record InvalidQuerySpec(QuerySpec Header, string Reason);
}
