using Compiled.Sinks;
using Compiled.Sinks.Files;
using Compiled.Sources;
using Compiled.Tests.IO;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

/// <summary>A file sink whose directory fills up: a prompt failure naming the directory, and exact output after a restart.</summary>
public sealed class FileSinkDiskFullTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_full_sink_directory_fails_the_batch_naming_it_and_a_restart_after_freeing_space_writes_it_once()
    {
        using var mount = new TmpfsMount(4 << 20);
        string output = mount.Combine("out");
        var source = Source.Memory<int>();
        var options = new QueryOptions { CheckpointLocation = _dir.Combine("chk") };
        int[] first = [1, 2, 3], second = Enumerable.Range(10, 100_000).ToArray();

        var query = StreamingQuery.Start(new MapPlan(), [source], Sink.JsonFiles<string>(output), options);
        source.AddData(first);
        await query.ProcessAllAvailableAsync().Bounded();
        mount.Fill();
        source.AddData(second);
        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => query.ProcessAllAvailableAsync().Bounded());
        await query.StopAsync().Bounded();
        Assert.Equal(1, failure.BatchId);
        Assert.Contains($"cannot write batch 1 to '{output}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no space left on device", failure.Message, StringComparison.OrdinalIgnoreCase);

        mount.Free();
        var restarted = StreamingQuery.Start(new MapPlan(), [source], Sink.JsonFiles<string>(output), options);
        await restarted.ProcessAllAvailableAsync().Bounded();
        await restarted.StopAsync().Bounded();

        Assert.Equal(first.Concat(second).Select(n => "v" + n), FileSinkReader.ReadJsonLines<string>(output));
    }
}
