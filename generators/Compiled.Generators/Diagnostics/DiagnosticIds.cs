namespace Compiled.Diagnostics
{
    /// <summary>
    /// Every diagnostic id Compiled reports, generator and analyzers alike (compiled into both).
    /// Ids are fixed by docs/diagnostics and users' .editorconfig files: never reuse or renumber one.
    /// </summary>
    internal static class DiagnosticIds
    {
        // Query shape (generator errors).
        public const string QueryClassNotPartial = "CQ0001";
        public const string QueryDefinitionInvalid = "CQ0002";
        public const string UnsupportedOperator = "CQ0003";
        public const string QueryBodyNotAChain = "CQ0004";

        // Output modes.
        public const string CompleteModeWithoutAggregation = "CQ1001";
        public const string AppendModeAggregationWithoutWatermark = "CQ1002";
        public const string UpdateModeSessionWindow = "CQ1003";
        public const string CompleteModeWindowedWatermark = "CQ1004";
        public const string UpdateModeIntoAppendOnlySink = "CQ1005";
        public const string StreamStreamJoinNotAppend = "CQ1006";
        public const string UpdateModeTableSinkWithoutKey = "CQ1007";

        // Watermarks and windows.
        public const string WatermarkAfterAggregation = "CQ1101";
        public const string WindowNotOnWatermarkedColumn = "CQ1102";
        public const string SessionWindowOnlyKey = "CQ1103";
        public const string EventTimeTimeoutWithoutWatermark = "CQ1104";
        public const string DedupWithinWatermarkWithoutWatermark = "CQ1105";
        public const string WindowLengthInvalid = "CQ1106";

        // Joins.
        public const string OuterJoinWithoutWatermark = "CQ1201";
        public const string FullOuterJoinWithStatic = "CQ1202";
        public const string OuterJoinStaticSideUnsupported = "CQ1203";
        public const string AntiJoinWithStreamingRight = "CQ1204";
        public const string InnerJoinStateUnbounded = "CQ1205";

        // Operators that a stream cannot support.
        public const string SortOnStream = "CQ1301";
        public const string LimitOrOffsetOnStream = "CQ1302";
        public const string DistinctAggregateOrGroupingSets = "CQ1303";
        public const string GroupStateModeRules = "CQ1304";
        public const string SetOperationWithStream = "CQ1305";
        public const string StatefulAfterLateEmitter = "CQ1306";
        public const string DedupStateUnbounded = "CQ1307";

        // Exactly-once and determinism.
        public const string NonDeterministicCall = "CQ1401";
        public const string CapturesMutableState = "CQ1402";
        public const string StateTypeNotSerializable = "CQ1403";
        public const string LinqOperatorNotOnStream = "CQ1405";
    }
}
