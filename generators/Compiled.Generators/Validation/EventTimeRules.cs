using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>Watermark and window rules: CQ1101, CQ1102, CQ1103, CQ1106.</summary>
    internal static class EventTimeRules
    {
        /// <summary>Adds the event-time findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            var operators = context.Query.Operators;
            var found = context.Aggregate;
            for (int i = 0; i < operators.Count; i++)
            {
                // CQ1101: a watermark after the aggregation sees only its results; the aggregation it should bound never does.
                if (operators[i] is WatermarkSpec late && found is { } before && before.Index < i)
                    context.Report(DiagnosticIds.WatermarkAfterAggregation, late, SyntaxParts.Call, context.ClassName);
            }
            if (found is not { Aggregate.Window: { } window } located) return;

            CheckLengths(context, window);
            // CQ1103 (SS-W7): Spark requires another grouping column beside a session window.
            if (window.Kind == WindowKind.Session && window.IsWholeKey)
                context.Report(DiagnosticIds.SessionWindowOnlyKey, window, SyntaxParts.Call, context.ClassName);

            // CQ1102: in Append mode the window must be over the watermarked member itself, or nothing ever closes it.
            var watermarks = context.WatermarksBefore(located.Index).ToList();
            if (context.Query.OutputMode != OutputModes.Append || window.IsProcessingTime || watermarks.Count == 0) return;
            if (IsWatermarked(operators, located.Index, window.TimeMember)) return;
            string watermarked = string.Join("', '", watermarks.Select(w => w.EventTime.Display));
            context.Report(DiagnosticIds.WindowNotOnWatermarkedColumn, window, SyntaxParts.Time, context.ClassName,
                window.Time!.Display, watermarked);
        }

        /// <summary>
        /// True when <paramref name="member"/>, read by operator <paramref name="at"/>, is a watermarked member upstream:
        /// traced back through the <c>Select</c>s that copy it unchanged, as Spark keeps a watermark on a projected column.
        /// </summary>
        private static bool IsWatermarked(IReadOnlyList<OperatorSpec> operators, int at, string? member)
        {
            for (int i = at - 1; i >= 0 && member is not null; i--)
            {
                switch (operators[i])
                {
                    case WatermarkSpec watermark when watermark.EventTimeMember == member:
                        return true;
                    case MapSpec map:
                        member = map.Copies.FirstOrDefault(c => c.Output == member)?.Input;
                        break;
                    case JoinSpec join:
                        // A joined row's member comes from one side: follow the left chain on, or the right one from its end.
                        if (join.RightCopies.FirstOrDefault(c => c.Output == member) is { } right)
                            return IsWatermarked(join.RightOperators, join.RightOperators.Count, right.Input);
                        member = join.LeftCopies.FirstOrDefault(c => c.Output == member)?.Input;
                        break;
                    case FlatMapSpec:
                        return false;
                }
            }
            return false;
        }

        /// <summary>CQ1106: lengths must be positive and a slide no longer than its window.</summary>
        private static void CheckLengths(ValidationContext context, WindowSpec window)
        {
            string name = "Window." + window.Kind;
            if (window.Kind == WindowKind.Session)
            {
                if (window.Gap is null && window.GapMs <= 0)
                    context.Report(DiagnosticIds.WindowLengthInvalid, window, SyntaxParts.Gap, context.ClassName, name, "a gap of " + Ms(window.GapMs) + " is not positive");
                return;
            }
            if (window.SizeMs <= 0)
                context.Report(DiagnosticIds.WindowLengthInvalid, window, SyntaxParts.Size, context.ClassName, name, "a length of " + Ms(window.SizeMs) + " is not positive");
            else if (window.Kind == WindowKind.Sliding && window.SlideMs <= 0)
                context.Report(DiagnosticIds.WindowLengthInvalid, window, SyntaxParts.Slide, context.ClassName, name, "a slide of " + Ms(window.SlideMs) + " is not positive");
            else if (window.Kind == WindowKind.Sliding && window.SlideMs > window.SizeMs)
            {
                context.Report(DiagnosticIds.WindowLengthInvalid, window, SyntaxParts.Slide, context.ClassName, name,
                    "a slide of " + Ms(window.SlideMs) + " is longer than the window's " + Ms(window.SizeMs) + ", so rows between windows would be lost");
            }
        }

        private static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
