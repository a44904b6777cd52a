using System.Collections.Generic;
using Compiled.Generators.Model;

namespace Compiled.Generators.Emit
{
    /// <summary>
    /// Emits <c>TestDriver</c>, a typed wrapper over the runtime's <c>Compiled.Testing.QueryTestDriver&lt;TOut&gt;</c>
    /// nested in each query class: one <c>Add…</c> method per input stream, typed by its rows. The machinery (state,
    /// watermarks, progress) lives in the runtime; this adds only the types.
    /// </summary>
    internal static class TestDriverEmitter
    {
        /// <summary>The nested class's name.</summary>
        public const string ClassName = "TestDriver";

        private const string DriverG = "global::Compiled.Testing.QueryTestDriver";
        private const string OptionsG = "global::Compiled.Testing.QueryTestDriverOptions";
        private const string BatchG = "global::Compiled.Testing.TestBatch";
        private const string ReadOnlyListG = "global::System.Collections.Generic.IReadOnlyList";
        private const string DateTimeOffsetG = "global::System.DateTimeOffset";

        /// <summary>Writes the <c>TestDriver</c> class of <paramref name="query"/>.</summary>
        public static void Write(SourceWriter writer, QuerySpec query)
        {
            string output = query.OutputType.Name;
            string driver = DriverG + "<" + output + ">";
            string className = query.Owner.Containers[query.Owner.Containers.Count - 1].Name;

            writer.Line();
            writer.Line("/// <summary>");
            writer.Line("/// Runs <c>" + Emitter.Xml(className) + "</c> in memory for tests, one batch at a time: add rows to each input, run a batch,");
            writer.Line("/// move processing time and the watermark, read each batch's output and progress. Deterministic: no threads, no timers.");
            writer.Line("/// </summary>");
            writer.Line(Literals.GeneratedCode);
            // Test helpers are never public, so a query's public surface stays Start.
            string accessibility = query.Accessibility == "public" ? "internal" : query.Accessibility;
            writer.Open(accessibility + " sealed class " + ClassName + " : global::System.IDisposable");

            writer.Line("/// <summary>Opens the compiled plan with empty in-memory state" + (query.Tables.Count > 0 ? " over the given static tables" : string.Empty) + ".</summary>");
            string tables = query.Tables.Count > 0 ? Emitter.TableParameters(query) + ", " : string.Empty;
            writer.Line("public " + ClassName + "(" + tables + OptionsG + "? options = null) => Driver = new " + driver + "(new " + Emitter.PlanClass
                + "(" + Emitter.TableArguments(query) + "), options);");
            writer.Line();
            writer.Line("/// <summary>The untyped driver underneath, for what this wrapper does not repeat.</summary>");
            writer.Line("public " + driver + " Driver { get; }");
            writer.Line();
            writer.Line("/// <summary>Every batch run so far, oldest first.</summary>");
            writer.Line("public " + ReadOnlyListG + "<" + BatchG + "<" + output + ">> Batches => Driver.Batches;");
            writer.Line();
            writer.Line("/// <summary>The processing time the next batch runs at.</summary>");
            writer.Line("public " + DateTimeOffsetG + " ProcessingTime => Driver.ProcessingTime;");
            writer.Line();
            writer.Line("/// <summary>The watermark the next batch runs with, or null when there is none yet.</summary>");
            writer.Line("public " + DateTimeOffsetG + "? Watermark => Driver.Watermark;");

            var used = new HashSet<string>();
            for (int i = 0; i < query.Inputs.Count; i++)
            {
                var input = query.Inputs[i];
                string method = MemberName("Add", input.Name, i, used);
                writer.Line();
                writer.Line("/// <summary>Adds rows to the input stream <c>" + Emitter.Xml(input.Name) + "</c> for the next batch.</summary>");
                writer.Line("public " + ClassName + " " + method + "(params global::System.ReadOnlySpan<" + input.RowType.Name + "> rows)");
                writer.Open();
                writer.Line("Driver.AddRows<" + input.RowType.Name + ">(" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", rows);");
                writer.Line("return this;");
                writer.Close();
            }

            foreach (var op in query.Operators)
            {
                if (op is not WatermarkSpec { LateRows: LateRowsPolicy.ToSink } watermark) continue;
                var input = query.Inputs[watermark.Input];
                string property = MemberName("Late", input.Name, watermark.Input, used);
                writer.Line();
                writer.Line("/// <summary>Every row of <c>" + Emitter.Xml(input.Name) + "</c> that arrived behind its watermark so far: what its late-row sink would receive.</summary>");
                writer.Line("public " + ReadOnlyListG + "<" + input.RowType.Name + "> " + property + " => Driver.LateRows<" + input.RowType.Name + ">("
                    + watermark.Input.ToString(System.Globalization.CultureInfo.InvariantCulture) + ");");
            }

            writer.Line();
            writer.Line("/// <summary>Runs one batch over the rows added since the last one (none: a no-data batch).</summary>");
            writer.Line("public " + BatchG + "<" + output + "> RunBatch() => Driver.RunBatch();");
            writer.Line();
            writer.Line("/// <summary>Moves processing time forward.</summary>");
            writer.Line("public " + ClassName + " AdvanceProcessingTime(global::System.TimeSpan by)");
            writer.Open();
            writer.Line("Driver.AdvanceProcessingTime(by);");
            writer.Line("return this;");
            writer.Close();
            writer.Line();
            writer.Line("/// <summary>Moves the watermark of the next batch forward to <paramref name=\"to\"/> (never back).</summary>");
            writer.Line("public " + ClassName + " AdvanceWatermark(" + DateTimeOffsetG + " to)");
            writer.Open();
            writer.Line("Driver.AdvanceWatermark(to);");
            writer.Line("return this;");
            writer.Close();
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public void Dispose() => Driver.Dispose();");
            writer.Close();
        }

        /// <summary><c>AddLines</c> for input <c>lines</c>; <c>AddInput1</c> when two inputs would get the same name.</summary>
        private static string MemberName(string prefix, string inputName, int index, HashSet<string> used)
        {
            string trimmed = inputName.TrimStart('@', '_');
            string name = trimmed.Length == 0
                ? prefix + "Input" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : prefix + char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
            if (!used.Add(name))
            {
                name = prefix + "Input" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                used.Add(name);
            }
            return name;
        }
    }
}
