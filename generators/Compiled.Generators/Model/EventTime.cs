namespace Compiled.Generators.Model
{
    /// <summary>How an event-time member is typed; every kind is converted to Unix milliseconds at run time.</summary>
    internal enum EventTimeKind
    {
        /// <summary><c>DateTime</c>, read as UTC ticks.</summary>
        DateTime,
        /// <summary><c>DateTimeOffset</c>, read as its UTC instant.</summary>
        DateTimeOffset,
        /// <summary><c>long</c> milliseconds since the Unix epoch.</summary>
        UnixMs,
    }

    /// <summary>What happens to a row at or behind its input's watermark (the values of <c>Compiled.LateRows</c>).</summary>
    internal enum LateRowsPolicy
    {
        /// <summary>Dropped and counted (Spark's behaviour).</summary>
        Drop,
        /// <summary>Routed to the query's typed late-data sink.</summary>
        ToSink,
    }

    /// <summary><c>WithWatermark(row =&gt; row.EventTime, delay, lateRows)</c> on one input.</summary>
    /// <param name="Input">The index of the input (<c>Define</c> parameter) whose rows carry the watermark.</param>
    /// <param name="EventTime">Reads the event time from a row.</param>
    /// <param name="EventTimeMember">The member the lambda reads (<c>CreatedTime</c> in <c>t =&gt; t.CreatedTime</c>), or null for any other expression.</param>
    /// <param name="TimeKind">The event time's type.</param>
    /// <param name="DelayMs">How far the watermark trails the largest event time seen, in milliseconds.</param>
    /// <param name="LateRows">What happens to late rows.</param>
    internal sealed record WatermarkSpec(
        int Input,
        LambdaSpec EventTime,
        string? EventTimeMember,
        EventTimeKind TimeKind,
        long DelayMs,
        LateRowsPolicy LateRows) : OperatorSpec
    {
        /// <inheritdoc/>
        public override string Kind => "Watermark";
    }
}
