using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes stateless stages as one fused loop body: filters become <c>continue</c>, maps new locals, flat maps nested
    /// loops, so each input row is read once and nothing is materialised between operators.
    /// </summary>
    internal sealed class PipelineEmitter
    {
        private const int MaxIndexOfAnyArguments = 3;
        private readonly SourceWriter _writer;
        private readonly string _topLevelSkip;
        private readonly bool _dropsLateRows;
        private int _openLoops;
        private int _locals;
        private WatermarkSpec? _watermark;
        private int _staticJoins;

        /// <param name="writer">Where to write.</param>
        /// <param name="topLevelSkip">What drops a row outside any nested loop: <c>continue;</c> in the input loop, <c>return;</c> in a group emitter.</param>
        /// <param name="dropsLateRows">True when the rows feed a stateful operator, so watermark steps drop late rows.</param>
        public PipelineEmitter(SourceWriter writer, string topLevelSkip, bool dropsLateRows = false)
        {
            _writer = writer;
            _topLevelSkip = topLevelSkip;
            _dropsLateRows = dropsLateRows;
        }

        private string Skip => _openLoops > 0 ? "continue;" : _topLevelSkip;

        /// <summary>The statement that drops the current row where the next line is written.</summary>
        public string SkipStatement => Skip;

        /// <summary>Writes <paramref name="stages"/> starting from <paramref name="row"/>; returns the last row. Call <see cref="CloseLoops"/> after writing its consumer.</summary>
        public Row Write(IEnumerable<Stage> stages, Row row)
        {
            foreach (var stage in stages)
            {
                switch (stage.Kind)
                {
                    case StageKind.Filter:
                        _writer.Line("if (!" + Call(((FilterSpec)stage.Operator!).Predicate, row) + ") " + Skip);
                        break;
                    case StageKind.SpanFilter:
                        _writer.Line("if (!" + SpanName(((FilterSpec)stage.Operator!).Predicate) + "(" + row.Variable + ")) " + Skip);
                        break;
                    case StageKind.Map:
                        row = Declare("var", Call(((MapSpec)stage.Operator!).Selector, row), isSpan: false);
                        break;
                    case StageKind.SpanMap:
                        row = SpanMap((MapSpec)stage.Operator!, row);
                        break;
                    case StageKind.FlatMap:
                        string element = Local("r");
                        _writer.Open("foreach (var " + element + " in " + Call(((FlatMapSpec)stage.Operator!).Selector, row) + ")");
                        _openLoops++;
                        row = new Row(element, isSpan: false);
                        break;
                    case StageKind.Split:
                    case StageKind.SpanSplit:
                        row = Split((FlatMapSpec)stage.Operator!, row);
                        break;
                    case StageKind.Materialize:
                        row = Declare("var", row.Variable + ".ToString()", isSpan: false);
                        break;
                    case StageKind.Watermark:
                        _watermark = (WatermarkSpec)stage.Operator!;
                        EventTimeEmitter.WriteStep(_writer, _watermark, row, _dropsLateRows, Skip);
                        break;
                    case StageKind.Dedup:
                        DedupEmitter.WriteStep(_writer, stage, row, _watermark, Skip);
                        break;
                    case StageKind.StaticJoin:
                        row = StaticJoinEmitter.WriteStage(_writer, this, (StaticJoinSpec)stage.Operator!, _staticJoins++, row);
                        break;
                }
            }
            return row;
        }

        /// <summary>
        /// Writes filters and maps without a branch: each filter's verdict becomes a <c>bool</c> local, added to
        /// <paramref name="verdicts"/>, and the rows flow on whatever it says. Only for plans written
        /// <see cref="SourceWrite.BranchFree"/>, whose steps after the first filter may run on rejected rows.
        /// </summary>
        public Row WriteBranchFree(IEnumerable<Stage> stages, Row row, List<string> verdicts)
        {
            foreach (var stage in stages)
            {
                if (stage.Kind == StageKind.Filter)
                {
                    string verdict = Local("keep");
                    _writer.Line("bool " + verdict + " = " + Call(((FilterSpec)stage.Operator!).Predicate, row) + ";");
                    verdicts.Add(verdict);
                }
                else
                {
                    row = Write(new[] { stage }, row);
                }
            }
            return row;
        }

        /// <summary>Opens a nested loop (a join's matches); <see cref="CloseLoops"/> closes it.</summary>
        public void OpenLoop(string header)
        {
            _writer.Open(header);
            _openLoops++;
        }

        /// <summary>Closes the loops opened by flat maps.</summary>
        public void CloseLoops()
        {
            for (; _openLoops > 0; _openLoops--) _writer.Close();
        }

        /// <summary>A call of the lambda's method on <paramref name="row"/>.</summary>
        public static string Call(LambdaSpec lambda, Row row) =>
            lambda.Name + "(" + (lambda.ParameterIsLargeStruct ? "in " : string.Empty) + row.Variable + ")";

        /// <summary>The method holding a lambda's span form.</summary>
        public static string SpanName(LambdaSpec lambda) => lambda.Name + "_Span";

        /// <summary>The scratch buffer field of a lowercasing or uppercasing span map.</summary>
        public static string ScratchField(MapSpec map) => "_scratch" + map.Selector.Name;

        /// <summary>The separator set field of a split with many separators, or null when IndexOfAny takes them directly.</summary>
        public static string? SeparatorsField(SplitSpec split) =>
            Distinct(split.Separators).Length > MaxIndexOfAnyArguments ? "s_separators" + split.Receiver.Name : null;

        /// <summary>Fields the stages need: scratch buffers and separator sets.</summary>
        public static IEnumerable<string> Fields(IEnumerable<Stage> stages)
        {
            foreach (var stage in stages)
            {
                if (stage.Kind == StageKind.SpanMap && stage.Operator is MapSpec { SpanMap: StringMapKind.LowerInvariant or StringMapKind.UpperInvariant } map)
                {
                    yield return "private char[] " + ScratchField(map) + " = new char[64];";
                }
                if (stage.Kind is StageKind.Split or StageKind.SpanSplit && stage.Operator is FlatMapSpec { Split: { } split } && SeparatorsField(split) is { } field)
                {
                    yield return "private static readonly global::System.Buffers.SearchValues<char> " + field
                        + " = global::System.Buffers.SearchValues.Create(" + Literals.String(Distinct(split.Separators)) + ");";
                }
            }
        }

        private Row SpanMap(MapSpec map, Row row)
        {
            string extensions = KnownNames.MemoryExtensionsG;
            switch (map.SpanMap)
            {
                case StringMapKind.LowerInvariant:
                case StringMapKind.UpperInvariant:
                    string buffer = Local("buffer");
                    string length = Local("length");
                    string method = map.SpanMap == StringMapKind.LowerInvariant ? "ToLowerInvariant" : "ToUpperInvariant";
                    _writer.Line("var " + buffer + " = " + PlanEmitter.ScratchMethod + "(ref " + ScratchField(map) + ", " + row.Variable + ".Length);");
                    _writer.Line("int " + length + " = " + extensions + "." + method + "(" + row.Variable + ", " + buffer + ");");
                    return Declare(KnownNames.CharSpanG, buffer + ".Slice(0, " + length + ")", isSpan: true);
                default:
                    return Declare(KnownNames.CharSpanG, extensions + "." + map.SpanMap + "(" + row.Variable + ")", isSpan: true);
            }
        }

        /// <summary>string.Split as a loop over separator positions: same pieces, in order, without the array or substrings.</summary>
        private Row Split(FlatMapSpec flatMap, Row row)
        {
            var split = flatMap.Split!;
            string text = Local("text"), start = Local("start"), end = Local("end"), at = Local("at"), piece = Local("w");
            string extensions = KnownNames.MemoryExtensionsG;
            string source = row.IsSpan ? row.Variable : extensions + ".AsSpan(" + Call(split.Receiver, row) + ")";
            _writer.Line(KnownNames.CharSpanG + " " + text + " = " + source + ";");
            _writer.Line("int " + end + ";");
            _writer.Open("for (int " + start + " = 0; " + start + " <= " + text + ".Length; " + start + " = " + end + " + 1)");
            _openLoops++;
            string rest = text + ".Slice(" + start + ")";
            string separators = Distinct(split.Separators);
            string search = SeparatorsField(split) is { } field
                ? extensions + ".IndexOfAny(" + rest + ", " + field + ")"
                : separators.Length == 1
                    ? extensions + ".IndexOf(" + rest + ", " + Literals.Char(separators[0]) + ")"
                    : extensions + ".IndexOfAny(" + rest + ", " + string.Join(", ", separators.Select(Literals.Char)) + ")";
            _writer.Line("int " + at + " = " + search + ";");
            _writer.Line(end + " = " + at + " < 0 ? " + text + ".Length : " + start + " + " + at + ";");
            _writer.Line(KnownNames.CharSpanG + " " + piece + " = " + text + ".Slice(" + start + ", " + end + " - " + start + ");");
            if (split.Trim) _writer.Line(piece + " = " + extensions + ".Trim(" + piece + ");");
            if (split.RemoveEmpty) _writer.Line("if (" + piece + ".IsEmpty) continue;");
            return new Row(piece, isSpan: true);
        }

        private Row Declare(string type, string value, bool isSpan)
        {
            string name = Local(isSpan ? "w" : "r");
            _writer.Line(type + " " + name + " = " + value + ";");
            return new Row(name, isSpan);
        }

        /// <summary>A fresh local name; locals in nested scopes may not shadow each other in C#.</summary>
        public string Local(string stem) => "__" + stem + (_locals++).ToString(CultureInfo.InvariantCulture);

        private static string Distinct(string separators) => new string(separators.Distinct().ToArray());
    }
}
