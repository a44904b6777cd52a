namespace Compiled.Sources.TextSocket;

/// <summary>Rows of <see cref="Source.SocketWithTimestamp"/>: text and arrival time.</summary>
internal readonly struct TimestampedRows : ISocketRowFactory<SocketLine>
{
    public static SocketLine Create(in BufferedLine line) =>
        new(line.Text, DateTime.UnixEpoch.AddTicks(line.ReceivedMs * TimeSpan.TicksPerMillisecond));
}
