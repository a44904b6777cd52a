using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>Deduplication rules: CQ1105 (SS-D1) and CQ1307 (state that nothing evicts).</summary>
    internal static class DedupRules
    {
        /// <summary>Adds the deduplication findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            bool watermarked = false;
            foreach (var op in context.Query.Operators)
            {
                if (op is WatermarkSpec) watermarked = true;
                if (op is not DedupSpec dedup) continue;
                if (dedup.WithinWatermark && !watermarked)
                {
                    context.Report(DiagnosticIds.DedupWithinWatermarkWithoutWatermark, op, SyntaxParts.Call, context.ClassName);
                    continue;
                }
                if (dedup.Eviction(watermarked) != DedupEvictionKind.Never) continue;
                string name = dedup.Key is null ? "Distinct()" : "DropDuplicates(" + dedup.Key.Display + ")";
                string reason = watermarked
                    ? "its key does not hold the watermarked event-time member, so the watermark cannot tell when a key can no longer repeat"
                    : "no WithWatermark is declared before it, so nothing tells it when a key can no longer repeat";
                string advice = dedup.Key is null
                    ? "Declare a watermark before it on an event-time member of the row, or deduplicate by an id with DropDuplicatesWithinWatermark(row => row.Id) after a WithWatermark"
                    : "Add the watermarked event-time member to the key (row => (row.Id, row.EventTime)), or use DropDuplicatesWithinWatermark after a WithWatermark";
                context.Report(DiagnosticIds.DedupStateUnbounded, op, SyntaxParts.Call, name, context.ClassName, reason, advice);
            }
        }
    }
}
