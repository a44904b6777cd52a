using System.Text;

namespace Compiled.Sources;

/// <summary>Options of <see cref="Source.Socket"/> and <see cref="Source.SocketWithTimestamp"/>.</summary>
public sealed record SocketSourceOptions
{
    /// <summary>How long opening the connection may take before the query fails. Default 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Text encoding of the stream. Default UTF-8, as Spark reads it.</summary>
    public Encoding Encoding { get; init; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
