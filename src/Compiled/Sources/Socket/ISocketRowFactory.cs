namespace Compiled.Sources.Socket;

/// <summary>Turns a received line into the socket source's row type; a struct type argument, so the copy loop makes no virtual call.</summary>
internal interface ISocketRowFactory<T>
{
    static abstract T Create(in BufferedLine line);
}

/// <summary>Rows of <see cref="Source.Socket"/>: the text alone.</summary>
internal readonly struct TextRows : ISocketRowFactory<string>
{
    public static string Create(in BufferedLine line) => line.Text;
}

/// <summary>Rows of <see cref="Source.SocketWithTimestamp"/>: text and arrival time.</summary>
internal readonly struct TimestampedRows : ISocketRowFactory<SocketLine>
{
    public static SocketLine Create(in BufferedLine line) =>
        new(line.Text, DateTime.UnixEpoch.AddTicks(line.ReceivedMs * TimeSpan.TicksPerMillisecond));
}
