// Warns: CQ1307 (DropDuplicates without a watermark keeps every region for ever)
namespace Compiled.Generators.Tests.Queries;

/// <summary>DropDuplicates on a Nullable&lt;int&gt; key: visits of unknown region (null) are one key, as in Spark.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class FirstVisitPerRegion
{
    private static IStream<Visit> Define(IStream<Visit> visits) => visits.DropDuplicates(v => v.Region);
}
