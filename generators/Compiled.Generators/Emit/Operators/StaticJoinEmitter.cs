using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes stream-static joins: a field per static table (the plan's constructor argument), a hash index per join
    /// (<c>StaticIndex</c>) rebuilt before a batch only when the table's rows changed, and inside the fused loop a nested
    /// loop over the span of matching table rows. Nothing is allocated per stream row.
    /// </summary>
    internal static class StaticJoinEmitter
    {
        private const string StaticIndexG = "global::Compiled.Joins.StaticIndex";
        private const string StaticTableG = "global::Compiled.StaticTable";

        /// <summary>The static joins of <paramref name="stages"/>, numbered in plan order.</summary>
        public static List<StaticJoinSpec> Joins(IEnumerable<Stage> stages) =>
            stages.Where(s => s.Kind == StageKind.StaticJoin).Select(s => (StaticJoinSpec)s.Operator!).ToList();

        /// <summary>The field holding table <paramref name="table"/>.</summary>
        public static string TableField(TableSpec table) => "_" + table.Name.TrimStart('@');

        private static string IndexField(int ordinal) => "_staticJoin" + Literals.Int(ordinal);

        private static string KeyOps(int ordinal) => "StaticJoin" + Literals.Int(ordinal) + "KeyOps";

        private static string IndexType(StaticJoinSpec join, int ordinal) =>
            StaticIndexG + "<" + join.KeyType.Name + ", " + join.TableRowType.Name + ", " + KeyOps(ordinal) + ">";

        /// <summary>The plan's fields: one per table, one index per join.</summary>
        public static IEnumerable<string> Fields(QuerySpec query, List<StaticJoinSpec> joins)
        {
            foreach (var table in query.Tables)
                yield return "private readonly " + StaticTableG + "<" + table.RowType.Name + "> " + TableField(table) + ";";
            for (int i = 0; i < joins.Count; i++)
                yield return "private readonly " + IndexType(joins[i], i) + " " + IndexField(i) + " = new " + IndexType(joins[i], i) + "();";
        }

        /// <summary>The constructor taking the tables, when the query has any.</summary>
        public static void WriteConstructor(SourceWriter w, QuerySpec query)
        {
            if (query.Tables.Count == 0) return;
            w.Line();
            w.Open("public " + Emitter.PlanClass + "(" + string.Join(", ", query.Tables.Select(t => StaticTableG + "<" + t.RowType.Name + "> " + Emitter.Identifier(t.Name))) + ")");
            foreach (var table in query.Tables)
            {
                w.Line(TableField(table) + " = " + Emitter.Identifier(table.Name) + " ?? throw new global::System.ArgumentNullException(nameof("
                    + Emitter.Identifier(table.Name) + "), " + Literals.String("Pass the static table '" + table.Name + "' the query joins with.") + ");");
            }
            w.Close();
        }

        /// <summary>Before the input loop: each join's index is rebuilt when its table's rows changed (first batch, or a reload).</summary>
        public static void WriteRefresh(SourceWriter w, QuerySpec query, List<StaticJoinSpec> joins)
        {
            for (int i = 0; i < joins.Count; i++)
            {
                var join = joins[i];
                string n = Literals.Int(i);
                string rows = "__tableRows" + n, version = "__tableVersion" + n, keys = "__tableKeys" + n;
                w.Line("// " + (join.TableOnLeft ? "Static table on the left" : "Static table") + " '" + query.Tables[join.Table].Name
                    + "': index its rows by " + join.TableKey.Display + " when they changed.");
                w.Line("var " + rows + " = " + TableField(query.Tables[join.Table]) + ".RowsForBatch(out long " + version + ");");
                w.Open("if (" + version + " != " + IndexField(i) + ".Version)");
                w.Line("var " + keys + " = new " + ArrayOf(join.KeyType.Name, rows + ".Length") + ";");
                w.Line("for (int __i = 0; __i < " + rows + ".Length; __i++) " + keys + "[__i] = "
                    + PipelineEmitter.Call(join.TableKey, new Row(rows + "[__i]", isSpan: false)) + ";");
                w.Line(IndexField(i) + ".Rebuild(" + rows + ", " + keys + ", " + version + ");");
                w.Close();
            }
        }

        /// <summary><c>new T[n]</c>, also for array element types (<c>int[]</c> gives <c>new int[n][]</c>).</summary>
        private static string ArrayOf(string type, string length)
        {
            int bracket = type.IndexOf('[');
            return bracket < 0 ? type + "[" + length + "]" : type.Substring(0, bracket) + "[" + length + "]" + type.Substring(bracket);
        }

        /// <summary>The join inside the fused loop; returns the joined row (the stream row itself for semi and anti joins).</summary>
        public static Row WriteStage(SourceWriter w, PipelineEmitter pipeline, StaticJoinSpec join, int ordinal, Row row)
        {
            string key = PipelineEmitter.Call(join.StreamKey, row);
            switch (join.JoinKind)
            {
                case JoinKind.LeftSemi:
                    w.Line("if (!" + IndexField(ordinal) + ".Contains(" + key + ")) " + pipeline.SkipStatement);
                    return row;
                case JoinKind.LeftAnti:
                    w.Line("if (" + IndexField(ordinal) + ".Contains(" + key + ")) " + pipeline.SkipStatement);
                    return row;
            }
            // The stream row's side keeps rows without a match: left outer, or right outer with the table on the left.
            bool outer = join.JoinKind == (join.TableOnLeft ? JoinKind.RightOuter : JoinKind.LeftOuter);
            string tableRow = pipeline.Local("t");
            pipeline.OpenLoop("foreach (var " + tableRow + " in " + IndexField(ordinal) + "." + (outer ? "FindOrDefault(" : "Find(") + key + "))");
            string arguments = join.TableOnLeft ? tableRow + ", " + row.Variable : row.Variable + ", " + tableRow;
            string joined = pipeline.Local("r");
            w.Line("var " + joined + " = " + join.Result!.Name + "(" + arguments + ");");
            return new Row(joined, isSpan: false);
        }

        /// <summary>A two-row lambda as a private static method.</summary>
        public static void WritePair(SourceWriter w, string role, PairLambdaSpec lambda)
        {
            w.Line();
            w.Line("// " + role + ": " + lambda.Display);
            if (!lambda.NullableEnabled) w.Line("#nullable disable");
            string signature = "private static " + lambda.ReturnType + " " + lambda.Name + "(" + lambda.LeftType + " " + lambda.LeftParameter + ", "
                + lambda.RightType + " " + lambda.RightParameter + ")";
            if (lambda.IsBlock)
            {
                w.Line(signature);
                w.Line(lambda.Body);
            }
            else
            {
                w.Line(signature + " => " + lambda.Body + ";");
            }
            foreach (var helper in lambda.Helpers) w.Line(helper);
            if (!lambda.NullableEnabled) w.Line("#nullable enable");
        }

        /// <summary>The key operations struct of each join's index.</summary>
        public static void WriteTypes(SourceWriter w, List<StaticJoinSpec> joins)
        {
            for (int i = 0; i < joins.Count; i++)
            {
                w.Line();
                KeyOpsEmitter.Write(w, KeyOps(i), joins[i].KeyType, spanKeys: false);
            }
        }
    }
}
