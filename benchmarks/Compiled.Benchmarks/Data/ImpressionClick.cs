namespace Compiled.Benchmarks.Data;

/// <summary>J1's output row: an impression and a click on it within the join's range.</summary>
internal readonly record struct ImpressionClick(long ImpressionId, DateTime ImpressionTime, DateTime ClickTime);
