namespace Compiled.Generators
{
    /// <summary>Names of runtime types the generator looks for or emits, in one place.</summary>
    internal static class KnownNames
    {
        /// <summary>Metadata name of the query attribute.</summary>
        public const string StreamingQueryAttribute = "Compiled.StreamingQueryAttribute";

        /// <summary>The runtime's root namespace.</summary>
        public const string RuntimeNamespace = "Compiled";

        /// <summary>The name of the method that declares a query.</summary>
        public const string DefineMethod = "Define";

        /// <summary>Stream interface names, as declared in the runtime.</summary>
        public const string Stream = "IStream";
        /// <summary>Grouped stream interface.</summary>
        public const string GroupedStream = "IGroupedStream";
        /// <summary>The static class of window functions.</summary>
        public const string Window = "Window";

        /// <summary>Metadata name of the base class of generated JSON row readers; readers are generated only when it exists.</summary>
        public const string JsonRowReaderMetadata = "Compiled.Sources.Json.JsonRowReader`1";
        /// <summary>Generated-code name of <c>JsonRowReader&lt;T&gt;</c>.</summary>
        public const string JsonRowReaderG = "global::Compiled.Sources.Json.JsonRowReader";
        /// <summary>Generated-code name of <c>JsonRowReaders</c>, the registry.</summary>
        public const string JsonRowReadersG = "global::Compiled.Sources.Json.JsonRowReaders";

        /// <summary>Fully qualified names used in generated code.</summary>
        public const string IStreamG = "global::Compiled.IStream";
        /// <summary>Generated-code name of <c>IQueryPlan&lt;T&gt;</c>.</summary>
        public const string IQueryPlanG = "global::Compiled.Plans.IQueryPlan";
        /// <summary>Generated-code name of <c>QueryPlanInfo</c>.</summary>
        public const string QueryPlanInfoG = "global::Compiled.Plans.QueryPlanInfo";
        /// <summary>Generated-code name of <c>InputInfo</c>.</summary>
        public const string InputInfoG = "global::Compiled.Plans.InputInfo";
        /// <summary>Generated-code name of <c>WatermarkInfo</c>.</summary>
        public const string WatermarkInfoG = "global::Compiled.Plans.WatermarkInfo";
        /// <summary>Generated-code name of <c>LateRows</c>.</summary>
        public const string LateRowsG = "global::Compiled.LateRows";
        /// <summary>Generated-code name of <c>LateRowSink</c>.</summary>
        public const string LateRowSinkG = "global::Compiled.LateRowSink";
        /// <summary>Generated-code name of <c>StateOperatorInfo</c>.</summary>
        public const string StateOperatorInfoG = "global::Compiled.Plans.StateOperatorInfo";
        /// <summary>Generated-code name of <c>PlanContext</c>.</summary>
        public const string PlanContextG = "global::Compiled.Plans.PlanContext";
        /// <summary>Generated-code name of <c>BatchInputs</c>.</summary>
        public const string BatchInputsG = "global::Compiled.Plans.BatchInputs";
        /// <summary>Generated-code name of <c>BatchContext</c>.</summary>
        public const string BatchContextG = "global::Compiled.Plans.BatchContext";
        /// <summary>Generated-code name of <c>RowBuffer&lt;T&gt;</c>.</summary>
        public const string RowBufferG = "global::Compiled.Batches.RowBuffer";
        /// <summary>Generated-code name of <c>IStateStore&lt;K, V&gt;</c>.</summary>
        public const string IStateStoreG = "global::Compiled.State.IStateStore";
        /// <summary>Generated-code name of <c>IStateVisitor&lt;K, V&gt;</c>.</summary>
        public const string IStateVisitorG = "global::Compiled.State.IStateVisitor";
        /// <summary>Generated-code name of <c>IStateSerializer&lt;T&gt;</c>.</summary>
        public const string IStateSerializerG = "global::Compiled.State.IStateSerializer";
        /// <summary>Generated-code name of <c>OutputMode</c>.</summary>
        public const string OutputModeG = "global::Compiled.OutputMode";
        /// <summary>Generated-code name of <c>StreamingQuery</c>, the engine entry point.</summary>
        public const string StreamingQueryG = "global::Compiled.StreamingQuery";
        /// <summary>Generated-code name of <c>ISource</c>.</summary>
        public const string ISourceG = "global::Compiled.Sources.ISource";
        /// <summary>Generated-code name of <c>ISink&lt;T&gt;</c>.</summary>
        public const string ISinkG = "global::Compiled.Sinks.ISink";
        /// <summary>Generated-code name of <c>QueryOptions</c>.</summary>
        public const string QueryOptionsG = "global::Compiled.QueryOptions";
        /// <summary>Generated-code name of <c>ReadOnlySpan&lt;char&gt;</c>.</summary>
        public const string CharSpanG = "global::System.ReadOnlySpan<char>";
        /// <summary>Generated-code name of <c>MemoryExtensions</c>.</summary>
        public const string MemoryExtensionsG = "global::System.MemoryExtensions";
        /// <summary>Generated-code name of <c>GeneratedCodeAttribute</c>.</summary>
        public const string GeneratedCodeG = "global::System.CodeDom.Compiler.GeneratedCode";
    }
}
