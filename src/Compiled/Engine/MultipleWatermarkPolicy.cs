namespace Compiled;

/// <summary>How the query's watermark is chosen from its inputs' watermarks (Spark's <c>spark.sql.streaming.multipleWatermarkPolicy</c>).</summary>
public enum MultipleWatermarkPolicy
{
    /// <summary>The slowest input's watermark (default): no input's rows are dropped before that input is past them.</summary>
    Min,

    /// <summary>The fastest input's watermark: results come sooner, and rows of slower inputs are dropped as late more often.</summary>
    Max,
}
