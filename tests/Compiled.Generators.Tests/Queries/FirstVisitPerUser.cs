// Warns: CQ1307 (DropDuplicates without a watermark keeps every user for ever)
namespace Compiled.Generators.Tests.Queries;

/// <summary>DropDuplicates on a nullable reference key: the anonymous visits (null user) are one key, as in Spark.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class FirstVisitPerUser
{
    private static IStream<Visit> Define(IStream<Visit> visits) => visits.DropDuplicates(v => v.User);
}
