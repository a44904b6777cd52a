using Compiled.Plans;
using Microsoft.Extensions.Logging;

// Not '...Sources.Socket': that namespace would shadow System.Net.Sockets.Socket for code in Compiled.Sources.
namespace Compiled.Sources.TextSocket;

/// <summary>
/// Spark's <c>socket</c> source: lines of text from a TCP server, for demos and tests. Not fault-tolerant.
/// </summary>
/// <remarks>
/// <para>Offsets count lines. Within one run a batch can be read again until it is committed. Lines live
/// only in this process, so after a restart the lines of a logged but uncommitted batch are gone: the
/// replayed batch is read as empty (with a warning), and lines of the new connection are numbered after
/// the last logged offset, never passed off as the lost ones.</para>
/// <para>The first offset the engine shows the source fixes where this run's numbering starts: the
/// start of <see cref="LatestOffset"/> (a normal start) or the end of <see cref="Read"/> (a replay).</para>
/// </remarks>
internal sealed class SocketSource<T, TFactory> : ISource<T>
    where TFactory : ISocketRowFactory<T>
{
    private readonly string _host;
    private readonly int _port;
    private readonly SocketSourceOptions _options;
    private SocketLineReceiver? _receiver;
    private ILogger? _logger;
    private long? _base;                 // global line number of this run's local line 0
    private long? _availableNowLocal;

    public SocketSource(string host, int port, SocketSourceOptions options, bool includeTimestamp)
    {
        _host = host;
        _port = port;
        _options = options;
        Description = $"TextSocketSource[host: {host}, port: {port}{(includeTimestamp ? ", includeTimestamp" : "")}]";
    }

    public string Description { get; }

    public void Open(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _logger = context.Logger;
        _receiver = SocketLineReceiver.Connect(_host, _port, _options, context.QueryName, context.Clock, context.Logger);
    }

    public SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit)
    {
        var receiver = Receiver;
        long from = SocketOffset.Parse(start);
        long origin = _base ??= from;
        long local = receiver.Received;
        if (_availableNowLocal is { } cap) local = Math.Min(local, cap);
        long end = origin + local;
        return end > from ? SocketOffset.Create(end) : start;
    }

    public void PrepareForAvailableNow() => _availableNowLocal = Receiver.Received;

    public long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var receiver = Receiver;
        long from = SocketOffset.Parse(start);
        long to = SocketOffset.Parse(end);
        if (to < from)
            throw new ArgumentException($"Socket source {_host}:{_port}: end offset {end} is before start offset {start}.", nameof(end));

        long origin = _base ??= to;
        if (from < origin)
        {
            _logger?.LogWarning(
                "Socket source {Host}:{Port}: lines {From} to {To} arrived in an earlier run and were never committed; " +
                "they are lost because the socket source cannot replay them.",
                _host, _port, from, Math.Min(to, origin) - 1);
            from = origin;
        }
        if (to <= from) return 0;

        receiver.Append<T, TFactory>(from - origin, to - origin, inputs.GetBuffer<T>(slot));
        return to - from;
    }

    public void Commit(SourceOffset end)
    {
        long to = SocketOffset.Parse(end);
        if (_base is { } origin) Receiver.Trim(to - origin);
    }

    public void Dispose() => _receiver?.Dispose();

    private SocketLineReceiver Receiver =>
        _receiver ?? throw new InvalidOperationException($"Socket source {_host}:{_port}: Open must be called before the first batch.");
}
