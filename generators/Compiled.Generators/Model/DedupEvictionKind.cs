namespace Compiled.Generators.Model
{
    /// <summary>How a deduplication's keys leave its state (Spark's StreamingDeduplicateExec and its WithinWatermark variant).</summary>
    internal enum DedupEvictionKind
    {
        /// <summary>Kept for ever: no watermark, or a key without the watermarked event time.</summary>
        Never,
        /// <summary>The key holds the watermarked event time: removed once the watermark reaches it.</summary>
        EventTime,
        /// <summary>DropDuplicatesWithinWatermark: removed once the watermark reaches the first row's event time plus the delay.</summary>
        TimePlusDelay,
    }
}
