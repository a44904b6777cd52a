using Compiled.Sources;
using Compiled.Sources.TextSocket;

namespace Compiled;

public static partial class Source
{
    private const int MaxPort = 65535;

    /// <summary>
    /// Spark's <c>socket</c> source: each line of text that the TCP server at <paramref name="host"/>:<paramref name="port"/>
    /// sends becomes a row. For demos and tests only: it is not fault-tolerant, and lines received but not
    /// yet committed are lost when the query restarts.
    /// </summary>
    /// <param name="host">Server to connect to (name or address).</param>
    /// <param name="port">Server port, 1 to 65535.</param>
    /// <param name="options">Connect timeout and text encoding; null for the defaults.</param>
    public static ISource<string> Socket(string host, int port, SocketSourceOptions? options = null)
    {
        ValidateSocketEndpoint(host, port, options);
        return new SocketSource<string, TextRows>(host, port, options ?? new SocketSourceOptions(), includeTimestamp: false);
    }

    /// <summary>
    /// As <see cref="Socket"/>, but each row also carries the time its line arrived (Spark's
    /// <c>includeTimestamp</c> option), as a <see cref="SocketLine"/>.
    /// </summary>
    /// <param name="host">Server to connect to (name or address).</param>
    /// <param name="port">Server port, 1 to 65535.</param>
    /// <param name="options">Connect timeout and text encoding; null for the defaults.</param>
    public static ISource<SocketLine> SocketWithTimestamp(string host, int port, SocketSourceOptions? options = null)
    {
        ValidateSocketEndpoint(host, port, options);
        return new SocketSource<SocketLine, TimestampedRows>(host, port, options ?? new SocketSourceOptions(), includeTimestamp: true);
    }

    // Same wording as Spark's "Set a host to read from with option("host", ...)." so the cause is familiar.
    private static void ValidateSocketEndpoint(string host, int port, SocketSourceOptions? options)
    {
        if (string.IsNullOrWhiteSpace(host))
            throw new ArgumentException("Socket source: set a host to read from; the host argument is empty.", nameof(host));
        if (port is <= 0 or > MaxPort)
            throw new ArgumentOutOfRangeException(nameof(port), port,
                $"Socket source: set a port to read from; the port must be between 1 and {MaxPort}, got {port}.");
        if (options is not null && options.ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.ConnectTimeout,
                $"Socket source: ConnectTimeout must be positive, got {options.ConnectTimeout}.");
        if (options is not null && options.Encoding is null)
            throw new ArgumentException("Socket source: Encoding must not be null.", nameof(options));
    }
}
