using System.Net.Sockets;
using Compiled.Batches;
using Microsoft.Extensions.Logging;

namespace Compiled.Sources.TextSocket;

/// <summary>
/// One TCP connection and a background reader that buffers its lines until they are committed.
/// Lines are numbered locally from 0 in arrival order.
/// </summary>
/// <remarks>
/// The reader task is the only writer of the buffer and the batch thread the only reader and trimmer;
/// both go through <see cref="_gate"/>. The buffer lives in this process only, which is why the
/// socket source cannot replay lines after a restart.
/// </remarks>
internal sealed class SocketLineReceiver : IDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly List<BufferedLine> _lines = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _endpoint;
    private long _firstLocal;   // local number of _lines[0]: lines before it were committed and dropped
    private TcpClient? _client;
    private Task? _readLoop;

    private SocketLineReceiver(string endpoint) => _endpoint = endpoint;

    /// <summary>Lines received so far, committed ones included.</summary>
    public long Received
    {
        get { lock (_gate) return _firstLocal + _lines.Count; }
    }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> and starts buffering lines.</summary>
    /// <exception cref="IOException">The connection failed or timed out; the message names host, port and query.</exception>
    public static SocketLineReceiver Connect(string host, int port, SocketSourceOptions options, string queryName, IClock clock, ILogger logger)
    {
        string endpoint = $"{host}:{port}";
        var receiver = new SocketLineReceiver(endpoint);
        var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(options.ConnectTimeout);
            client.ConnectAsync(host, port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            client.Dispose();
            throw new IOException(
                $"Query '{queryName}': socket source could not connect to {endpoint} within {options.ConnectTimeout.TotalSeconds:0.###} s.");
        }
        catch (SocketException ex)
        {
            client.Dispose();
            throw new IOException($"Query '{queryName}': socket source could not connect to {endpoint}: {ex.Message}", ex);
        }

        receiver._client = client;
        var reader = new StreamReader(client.GetStream(), options.Encoding, detectEncodingFromByteOrderMarks: false);
        receiver._readLoop = Task.Run(() => receiver.ReadLoopAsync(reader, clock, logger, receiver._stop.Token));
        return receiver;
    }

    /// <summary>Appends local lines [<paramref name="fromLocal"/>, <paramref name="toLocal"/>) to <paramref name="buffer"/> as rows.</summary>
    public void Append<T, TFactory>(long fromLocal, long toLocal, RowBuffer<T> buffer)
        where TFactory : ISocketRowFactory<T>
    {
        lock (_gate)
        {
            if (fromLocal < _firstLocal)
                throw new InvalidOperationException(
                    $"Socket source {_endpoint}: lines from {fromLocal} were already committed and dropped; a committed batch cannot be read again.");
            if (toLocal > _firstLocal + _lines.Count)
                throw new InvalidOperationException(
                    $"Socket source {_endpoint}: asked for lines up to {toLocal}, but only {_firstLocal + _lines.Count} have arrived in this run.");
            for (long i = fromLocal; i < toLocal; i++)
                buffer.Add(TFactory.Create(_lines[(int)(i - _firstLocal)]));
        }
    }

    /// <summary>Drops the lines before local number <paramref name="toLocal"/>: they are committed.</summary>
    public void Trim(long toLocal)
    {
        lock (_gate)
        {
            long drop = Math.Min(toLocal - _firstLocal, _lines.Count);
            if (drop <= 0) return;
            _lines.RemoveRange(0, (int)drop);
            _firstLocal += drop;
        }
    }

    private async Task ReadLoopAsync(StreamReader reader, IClock clock, ILogger logger, CancellationToken stop)
    {
        using (reader)
        {
            try
            {
                while (true)
                {
                    string? line = await reader.ReadLineAsync(stop).ConfigureAwait(false);
                    if (line is null)
                    {
                        logger.LogInformation("Socket source: stream closed by {Endpoint}; no more lines will arrive.", _endpoint);
                        return;
                    }
                    var received = new BufferedLine(line, clock.UtcNowMs);
                    lock (_gate) _lines.Add(received);
                }
            }
            catch (Exception ex) when (stop.IsCancellationRequested
                                       && ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Dispose closed the socket under the reader.
            }
            catch (Exception ex)
            {
                // As in Spark, a broken connection (or undecodable text) ends the stream; lines already
                // buffered are still served. Caught broadly so Dispose's wait never rethrows.
                logger.LogWarning(ex, "Socket source: reading from {Endpoint} failed; no more lines will arrive.", _endpoint);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _client?.Dispose();
        _readLoop?.Wait(StopWait);
        _stop.Dispose();
    }
}
