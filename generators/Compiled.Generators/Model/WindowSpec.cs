namespace Compiled.Generators.Model
{
    /// <summary>The window functions of <c>Compiled.Window</c>.</summary>
    internal enum WindowKind
    {
        /// <summary><c>Window.Tumbling(time, size[, offset])</c>: fixed, non-overlapping windows.</summary>
        Tumbling,
        /// <summary><c>Window.Sliding(time, size, slide[, offset])</c>: a row falls into size/slide windows.</summary>
        Sliding,
        /// <summary><c>Window.Session(time, gap)</c>: a window per burst of rows, closed by a gap without rows.</summary>
        Session,
    }

    /// <summary>An aggregation's time window: a <c>Window.*</c> call in the <c>GroupBy</c> key.</summary>
    /// <param name="Kind">The window function.</param>
    /// <param name="Time">Reads the window's time from a row; null for <c>Window.ProcessingTime</c>, the batch's trigger time.</param>
    /// <param name="TimeMember">The row member <paramref name="Time"/> reads (<c>t.CreatedTime</c>), or null for any other expression.</param>
    /// <param name="TimeKind">The type of the time argument.</param>
    /// <param name="SizeMs">Window length in milliseconds (tumbling, sliding); 0 for sessions.</param>
    /// <param name="SlideMs">Slide in milliseconds (sliding); equal to <paramref name="SizeMs"/> for tumbling windows, 0 for sessions.</param>
    /// <param name="OffsetMs">Offset of window starts from the epoch in milliseconds.</param>
    /// <param name="GapMs">A session's constant gap in milliseconds; 0 when <paramref name="Gap"/> computes it per row.</param>
    /// <param name="Gap">A session's per-row gap (returns a <c>TimeSpan</c>), or null for a constant gap.</param>
    /// <param name="KeyPosition">The window's position in a tuple key, or -1 when the window is the whole key.</param>
    /// <param name="OtherKeyParts">The other elements of a tuple key, in order, each as a lambda over the row.</param>
    /// <remarks>Cache boundary: add only immutable, value-equal members.</remarks>
    internal sealed record WindowSpec(
        WindowKind Kind,
        LambdaSpec? Time,
        string? TimeMember,
        EventTimeKind TimeKind,
        long SizeMs,
        long SlideMs,
        long OffsetMs,
        long GapMs,
        LambdaSpec? Gap,
        int KeyPosition,
        ImmutableEquatableArray<LambdaSpec> OtherKeyParts)
    {
        /// <summary>True for a window over the batch's processing time rather than an event-time member.</summary>
        public bool IsProcessingTime => Time is null;

        /// <summary>True when the window is the whole grouping key.</summary>
        public bool IsWholeKey => KeyPosition < 0;
    }
}
