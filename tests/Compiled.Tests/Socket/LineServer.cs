using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Compiled.Tests.TextSocket;

/// <summary>A TCP server on 127.0.0.1 and an ephemeral port that sends text to its one client.</summary>
internal sealed class LineServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private TcpClient? _client;

    public LineServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Accepts the client (already connected by the source's Open) and sends <paramref name="text"/>.</summary>
    public void Send(string text)
    {
        _client ??= _listener.AcceptTcpClient();
        var bytes = Encoding.UTF8.GetBytes(text);
        _client.GetStream().Write(bytes);
        _client.GetStream().Flush();
    }

    /// <summary>Closes the connection to the client (end of stream).</summary>
    public void CloseClient()
    {
        _client ??= _listener.AcceptTcpClient();
        _client.Dispose();
    }

    public void Dispose()
    {
        _client?.Dispose();
        _listener.Stop();
        _listener.Dispose();
    }
}
