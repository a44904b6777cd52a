using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>
    /// Spark's join rules (SS-J0..J9, SS-JW) and set operations (SS-S2..S4): CQ1006, CQ1201..CQ1205, CQ1305.
    /// </summary>
    internal static class JoinRules
    {
        /// <summary>Adds the join and set-operation findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            var operators = context.Query.Operators;
            string name = context.ClassName;
            for (int i = 0; i < operators.Count; i++)
            {
                switch (operators[i])
                {
                    case StaticJoinSpec join:
                        CheckStatic(context, join, name);
                        break;
                    case JoinSpec join:
                        CheckStreams(context, join, i, name);
                        break;
                    case SetOperationSpec set:
                        CheckSet(context, set, name);
                        break;
                }
            }
        }

        private static void CheckStatic(ValidationContext context, StaticJoinSpec join, string name)
        {
            string where = join.TableOnLeft ? "a static table on the left and the stream on the right" : "the stream on the left and a static table on the right";
            if (join.JoinKind == JoinKind.FullOuter)
            {
                context.Report(DiagnosticIds.FullOuterJoinWithStatic, join, SyntaxParts.Call, name, where,
                    join.TableOnLeft ? "the stream side" : "the table side");
                return;
            }
            // The static side is the one that would have to produce its unmatched rows: it never knows when the stream is done.
            bool unsupported = join.TableOnLeft ? join.JoinKind is JoinKind.LeftOuter or JoinKind.LeftSemi : join.JoinKind == JoinKind.RightOuter;
            if (unsupported)
            {
                string advice = join.TableOnLeft
                    ? "Put the stream on the left: 'stream.Join(table, ..., JoinType.Inner)' or 'JoinType.LeftOuter' (every stream row)"
                    : "Use JoinType.Inner or JoinType.LeftOuter (every stream row, with default for a missing table row)";
                context.Report(DiagnosticIds.OuterJoinStaticSideUnsupported, join, SyntaxParts.Call, name, KindName(join.JoinKind), where, advice);
            }
        }

        private static void CheckStreams(ValidationContext context, JoinSpec join, int index, string name)
        {
            if (context.Query.OutputMode != OutputModes.Append)
                context.Report(DiagnosticIds.StreamStreamJoinNotAppend, join, SyntaxParts.Call, name, OutputModes.Name(context.Query.OutputMode));
            if (join.JoinKind == JoinKind.LeftAnti)
            {
                context.Report(DiagnosticIds.AntiJoinWithStreamingRight, join, SyntaxParts.Call, name);
                return;
            }
            bool leftWatermark = context.WatermarksBefore(index).Any()
                || context.Query.Operators.Take(index).OfType<JoinSpec>().Any(j => j.RightOperators.OfType<WatermarkSpec>().Any());
            bool rightWatermark = join.RightOperators.OfType<WatermarkSpec>().Any();
            var range = join.TimeRange;
            // Left rows can be evicted once the watermark passes their time plus the lower bound, right rows their time minus the upper.
            bool leftBounded = range is { LowerMs: not long.MinValue } && rightWatermark;
            bool rightBounded = range is { UpperMs: not long.MaxValue } && leftWatermark;
            switch (join.JoinKind)
            {
                case JoinKind.LeftOuter or JoinKind.LeftSemi when !leftBounded:
                    context.Report(DiagnosticIds.OuterJoinWithoutWatermark, join, SyntaxParts.Call, name, KindName(join.JoinKind),
                        Missing(rightWatermark, range is { LowerMs: not long.MinValue }, "right", "a lower bound on the left time (left.Time >= right.Time - …)"), "right");
                    break;
                case JoinKind.RightOuter when !rightBounded:
                    context.Report(DiagnosticIds.OuterJoinWithoutWatermark, join, SyntaxParts.Call, name, KindName(join.JoinKind),
                        Missing(leftWatermark, range is { UpperMs: not long.MaxValue }, "left", "an upper bound on the left time (left.Time <= right.Time + …)"), "left");
                    break;
                case JoinKind.FullOuter when !leftBounded && !rightBounded:
                    context.Report(DiagnosticIds.OuterJoinWithoutWatermark, join, SyntaxParts.Call, name, KindName(join.JoinKind),
                        Missing(rightWatermark || leftWatermark, range is not null, "either", "a time range between the two times"), "right");
                    break;
                case JoinKind.Inner when !leftBounded || !rightBounded:
                    string unbounded = !leftBounded && !rightBounded ? "both inputs" : !leftBounded ? "the left input" : "the right input";
                    context.Report(DiagnosticIds.InnerJoinStateUnbounded, join, SyntaxParts.Call, name, unbounded);
                    break;
            }
        }

        /// <summary>What an outer join lacks, in words.</summary>
        private static string Missing(bool watermark, bool range, string side, string rangeText) =>
            !watermark && !range ? "it has neither a watermark on the " + side + " input nor a time-range condition with " + rangeText
            : !watermark ? "the " + side + " input has no watermark"
            : "its condition has no time range with " + rangeText;

        private static void CheckSet(ValidationContext context, SetOperationSpec set, string name)
        {
            string? reason = set switch
            {
                { Operation: "Union", OtherIsStatic: true } => "mixes a stream with a static table: the table's rows would have to be written in some batch, and a restart could not tell which",
                { Operation: "Intersect" } => "intersects a stream: a row can be known to be in both only when neither side can bring it again, which an unbounded stream never tells",
                { Operation: "Except", OtherIsStatic: false } => "subtracts a stream: a row written now could appear on the right side later, and an appended row cannot be taken back",
                _ => null,
            };
            if (reason is null) return;
            string advice = set.Operation switch
            {
                "Union" => "Join the stream with the table instead, or union two streams",
                "Intersect" => "Use SemiJoin with a static table, or a stream-stream join with a watermark and a time range",
                _ => "Use AntiJoin with a static table on the right",
            };
            context.Report(DiagnosticIds.SetOperationWithStream, set, SyntaxParts.Call, set.Operation, name, reason, advice);
        }

        /// <summary>The join kind as Spark names it.</summary>
        private static string KindName(JoinKind kind) => kind.ToString();
    }
}
