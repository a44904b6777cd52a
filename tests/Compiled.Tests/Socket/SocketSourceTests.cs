using System.Net;
using System.Net.Sockets;
using Compiled.Sources;
using Compiled.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using static Compiled.Tests.TestSupport.SourceBatches;

namespace Compiled.Tests.TextSocket;

public sealed class SocketSourceTests
{
    private const long NowMs = 1_700_000_000_000;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private static SourceContext Context(IClock clock, ILogger? logger = null) =>
        new("socket-query", 0, Path.GetTempPath(), clock, logger ?? new CapturingLogger());

    /// <summary>Polls until the source reports <paramref name="lines"/> lines past <paramref name="start"/>; bounded, for the reader thread.</summary>
    private static SourceOffset WaitForLines(ISource source, SourceOffset? start, long lines)
    {
        var expected = $"{{\"lines\":{lines}}}";
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var end = source.LatestOffset(start, ReadLimit.Default);
            if (end?.Json == expected) return end;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected offset {expected} within {WaitLimit}, last saw {end?.Json ?? "null"}.");
            Thread.Sleep(5);
        }
    }

    [Fact]
    public void Reads_lines_sent_by_a_server()
    {
        using var server = new LineServer();
        using var source = Source.Socket("127.0.0.1", server.Port);
        source.Open(Context(new ManualClock(NowMs)));
        Assert.Null(source.LatestOffset(null, ReadLimit.Default));

        server.Send("first\nsecond\r\nthird line\n");
        var end = WaitForLines(source, null, 3);
        Assert.Equal(["first", "second", "third line"], ReadRows<string>(source, null, end));

        server.Send("ünïcødé\n");
        var next = WaitForLines(source, end, 4);
        Assert.Equal(["ünïcødé"], ReadRows<string>(source, end, next));
    }

    [Fact]
    public void With_timestamp_each_line_carries_its_arrival_time()
    {
        using var server = new LineServer();
        using var source = Source.SocketWithTimestamp("127.0.0.1", server.Port);
        source.Open(Context(new ManualClock(NowMs)));
        server.Send("a\nb\n");
        var end = WaitForLines(source, null, 2);
        var at = DateTime.UnixEpoch.AddMilliseconds(NowMs);
        Assert.Equal([new SocketLine("a", at), new SocketLine("b", at)], ReadRows<SocketLine>(source, null, end));
    }

    [Fact]
    public void Uncommitted_ranges_replay_within_a_run_and_committed_ones_are_dropped()
    {
        using var server = new LineServer();
        using var source = Source.Socket("127.0.0.1", server.Port);
        source.Open(Context(new ManualClock(NowMs)));
        server.Send("1\n2\n3\n");
        var end = WaitForLines(source, null, 3);

        Assert.Equal(ReadRows<string>(source, null, end), ReadRows<string>(source, null, end));

        source.Commit(end);
        var ex = Assert.Throws<InvalidOperationException>(() => ReadRows<string>(source, null, end));
        Assert.Contains("already committed", ex.Message);

        server.Send("4\n");
        var next = WaitForLines(source, end, 4);
        Assert.Equal(["4"], ReadRows<string>(source, end, next));
    }

    [Fact]
    public void After_a_restart_uncommitted_lines_are_lost_and_new_lines_are_numbered_after_them()
    {
        using var server = new LineServer();
        var logger = new CapturingLogger();
        using var source = Source.Socket("127.0.0.1", server.Port);
        source.Open(Context(new ManualClock(NowMs), logger));

        // The checkpoint logged lines (2, 5] of an earlier run; this run cannot produce them.
        var committed = new SourceOffset("{\"lines\":2}");
        var logged = new SourceOffset("{\"lines\":5}");
        server.Send("new-1\nnew-2\n");
        Assert.Empty(ReadRows<string>(source, committed, logged));
        Assert.Contains(logger.Lines, e => e.Level == LogLevel.Warning && e.Message.Contains("lines 2 to 4") && e.Message.Contains("lost"));

        var end = WaitForLines(source, logged, 7);
        Assert.Equal(["new-1", "new-2"], ReadRows<string>(source, logged, end));
    }

    [Fact]
    public void Available_now_stops_at_the_lines_present_when_prepared()
    {
        using var server = new LineServer();
        using var source = Source.Socket("127.0.0.1", server.Port);
        source.Open(Context(new ManualClock(NowMs)));
        server.Send("a\nb\n");
        WaitForLines(source, null, 2);
        source.PrepareForAvailableNow();
        server.Send("c\n");
        server.CloseClient();
        var end = source.LatestOffset(null, ReadLimit.All)!;
        Assert.Equal("{\"lines\":2}", end.Json);
        Assert.Same(end, source.LatestOffset(end, ReadLimit.All));
    }

    [Fact]
    public void Lines_buffered_before_the_server_closes_are_still_served()
    {
        using var server = new LineServer();
        var logger = new CapturingLogger();
        using var source = Source.Socket("127.0.0.1", server.Port);
        source.Open(Context(new ManualClock(NowMs), logger));
        server.Send("last words");          // no trailing newline: the end of stream ends the line
        server.CloseClient();
        var end = WaitForLines(source, null, 1);
        Assert.Equal(["last words"], ReadRows<string>(source, null, end));
    }

    [Fact]
    public void A_refused_connection_names_host_port_and_query()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        using var source = Source.Socket("127.0.0.1", port);
        var ex = Assert.Throws<IOException>(() => source.Open(Context(new ManualClock(NowMs))));
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Contains("socket-query", ex.Message);
    }

    [Fact]
    public void Missing_host_or_port_is_reported_as_in_Spark()
    {
        var host = Assert.Throws<ArgumentException>(() => Source.Socket(" ", 9999));
        Assert.Contains("set a host to read from", host.Message);
        var port = Assert.Throws<ArgumentOutOfRangeException>(() => Source.SocketWithTimestamp("localhost", 0));
        Assert.Contains("set a port to read from", port.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Source.Socket("localhost", 70000));
        var timeout = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Source.Socket("localhost", 9999, new SocketSourceOptions { ConnectTimeout = TimeSpan.Zero }));
        Assert.Contains("ConnectTimeout must be positive", timeout.Message);
    }
}
