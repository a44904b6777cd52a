using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>Output-mode rules (Spark SS-O1..O3): CQ1001, CQ1002, CQ1003, CQ1004.</summary>
    internal static class OutputModeRules
    {
        /// <summary>Adds the output-mode findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            var query = context.Query;
            var found = context.Aggregate;
            if (found is not { } located)
            {
                // CQ1001 (SS-O3): Complete rewrites the whole result, which without an aggregation is every row ever read.
                if (query.OutputMode == OutputModes.Complete && !query.Operators.Any(op => op is GroupStateSpec { IsUpdateStateByKey: true }))
                    context.Findings.Add(new Finding(DiagnosticIds.CompleteModeWithoutAggregation, context.Syntax.ModeArgument, context.ClassName));
                return;
            }
            var (aggregate, index) = located;
            var window = aggregate.Window;
            var watermarks = context.WatermarksBefore(index).ToList();
            switch (query.OutputMode)
            {
                case OutputModes.Append when window is null:
                    context.Report(DiagnosticIds.AppendModeAggregationWithoutWatermark, aggregate, SyntaxParts.Call, context.ClassName,
                        "its grouping '" + aggregate.Key.Display + "' has no event-time window"
                        + (watermarks.Count == 0 ? " and no input has a watermark" : string.Empty));
                    break;
                case OutputModes.Append when !window.IsProcessingTime && watermarks.Count == 0:
                    context.Report(DiagnosticIds.AppendModeAggregationWithoutWatermark, aggregate, SyntaxParts.Call, context.ClassName,
                        "its window '" + window.Time!.Display + "' is over a column no watermark bounds (no WithWatermark before the GroupBy)");
                    break;
                case OutputModes.Update when window is { Kind: WindowKind.Session }:
                    // CQ1003 (SS-O2): a session's rows move when sessions merge, so an emitted session could not be updated in place.
                    context.Report(DiagnosticIds.UpdateModeSessionWindow, window, SyntaxParts.Call, context.ClassName);
                    break;
                case OutputModes.Complete when window is { IsProcessingTime: false } && watermarks.Count > 0:
                    // CQ1004: Complete keeps every window forever, so the watermark bounds nothing.
                    context.Report(DiagnosticIds.CompleteModeWindowedWatermark, window, SyntaxParts.Call, context.ClassName);
                    break;
            }
        }
    }
}
