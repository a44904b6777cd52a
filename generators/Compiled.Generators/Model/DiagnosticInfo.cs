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
    /// <param name="Query">The model, or null when the class has errors or uses an operator another analyzer reports.</param>
    /// <param name="Diagnostics">Generator diagnostics, with their locations.</param>
    internal sealed record ParseResult(QuerySpec? Query, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);
}
