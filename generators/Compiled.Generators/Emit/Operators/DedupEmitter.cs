using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes deduplications (<c>Distinct</c>, <c>DropDuplicates</c>, <c>DropDuplicatesWithinWatermark</c>): a step in the
    /// fused loop that passes a row only when its key is not in the operator's state store, and stores the key with the
    /// time at which the watermark may forget it; after the batch, keys the watermark has reached are evicted.
    /// </summary>
    internal static class DedupEmitter
    {
        /// <summary>The state-store field of the deduplication <paramref name="stage"/>.</summary>
        private static string Field(Stage stage) => "_" + stage.State!.OperatorId;

        private static string KeySerializer(Stage stage) =>
            "Dedup" + stage.State!.OperatorId.Substring("dedup".Length) + "KeySerializer";

        private static DedupSpec Spec(Stage stage) => (DedupSpec)stage.Operator!;


        /// <summary>The deduplication stages among <paramref name="stages"/>.</summary>
        public static IEnumerable<Stage> Of(IEnumerable<Stage> stages) => stages.Where(s => s.Kind == StageKind.Dedup);

        /// <summary>The state-store fields.</summary>
        public static IEnumerable<string> Fields(IEnumerable<Stage> stages) =>
            Of(stages).Select(s => "private " + KnownNames.IStateStoreG + "<" + NullableKeys.StoreKey(Spec(s).KeyType) + ", long> " + Field(s) + " = null!;");

        /// <summary>Opens each store inside <c>Open</c>.</summary>
        public static void WriteOpen(SourceWriter w, IEnumerable<Stage> stages)
        {
            foreach (var stage in Of(stages))
            {
                var key = Spec(stage).KeyType;
                string serializer = NullableKeys.Serializer(key, KeySerializer(stage));
                w.Line(Field(stage) + " = context.GetStateStore<" + NullableKeys.StoreKey(key) + ", long>(" + Literals.String(stage.State!.OperatorId)
                    + ", " + serializer + ", null);");
            }
        }

        /// <summary>
        /// The step inside the loop. <paramref name="watermark"/> is the watermark read earlier in the same loop, whose
        /// time local holds the row's event time (the planner refuses an evicting deduplication without one).
        /// </summary>
        public static void WriteStep(SourceWriter w, Stage stage, Row row, WatermarkSpec? watermark, string skip)
        {
            var dedup = Spec(stage);
            string key = NullableKeys.ToStore(dedup.KeyType, dedup.Key is null ? row.Variable : PipelineEmitter.Call(dedup.Key, row));
            string forget = "0L";
            if (stage.State!.EvictsBehindWatermark)
            {
                string time = EventTimeEmitter.TimeLocal(watermark!.Input);
                forget = dedup.WithinWatermark ? time + " + " + watermark.DelayMs.ToString(CultureInfo.InvariantCulture) + "L" : time;
            }
            string local = "__key" + stage.State.OperatorId;
            w.Line("// " + Planner.OperatorText(dedup) + ": pass the row only the first time its key is seen");
            w.Line("var " + local + " = " + key + ";");
            w.Line("if (" + Field(stage) + ".TryGet(in " + local + ", out _)) " + skip);
            // The lookup just said the key is absent: a write that knows it reads no spilled state a second time.
            w.Line(Field(stage) + ".Put(in " + local + ", " + forget + ", exists: false);");
        }

        /// <summary>After the batch: evict the keys the watermark has reached, for the deduplications the watermark bounds.</summary>
        public static void WriteEvictions(SourceWriter w, IEnumerable<Stage> stages)
        {
            foreach (var stage in Of(stages).Where(s => s.State!.EvictsBehindWatermark))
            {
                w.Line("// " + Planner.OperatorText(stage.Operator!) + ": forget the keys the watermark has reached");
                w.Line("global::Compiled.KeyedState.DedupState.Evict(" + Field(stage) + ", batch.WatermarkMs);");
            }
        }

        /// <summary>The key serialisers of keys that are not raw bytes.</summary>
        public static void WriteTypes(SourceWriter w, IEnumerable<Stage> stages, SerializerEmitter codec)
        {
            foreach (var stage in Of(stages))
            {
                var key = NullableKeys.Inner(Spec(stage).KeyType);
                if (SerializerEmitter.IsRaw(key)) continue;
                w.Line();
                codec.WriteSerializer(w, KeySerializer(stage), key, key.Name, "Encodes the keys of " + Emitter.Xml(stage.State!.OperatorName) + ".");
            }
        }
    }
}
