using System.Text.Json;
using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Checkpointing;

/// <summary>The checkpoint files as docs/checkpoints.md describes them.</summary>
public sealed class LayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_stateful_query_writes_metadata_offsets_commits_state_sources_and_sink_directories()
    {
        var memory = Source.Memory<string>();
        var options = new QueryOptions { CheckpointLocation = _dir.Combine("chk"), Clock = new ManualClock(1_000), StateStore = StateStoreKind.InMemory };
        var query = StreamingQuery.Start(new KeyedCountPlan(), [memory], Sink.Memory<(string, long)>(), options);
        memory.AddData("a", "b");
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        Assert.Equal(
            ["commits", "offsets", "sink", "sources", "state"],
            Directory.GetDirectories(_dir.Combine("chk")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal));
        Assert.True(Directory.Exists(_dir.Combine("chk", "sources", "0")));

        using var metadata = JsonDocument.Parse(File.ReadAllText(_dir.Combine("chk", "metadata")));
        Assert.Equal(query.Id, metadata.RootElement.GetProperty("id").GetGuid());
        Assert.Equal("CountQuery", metadata.RootElement.GetProperty("name").GetString());
        Assert.Equal("count-v1", metadata.RootElement.GetProperty("planFingerprint").GetString());

        Assert.Equal(
            """
            {
              "version": 1,
              "batchId": 0,
              "batchWatermarkMs": -9223372036854775808,
              "batchTimestampMs": 1000,
              "sources": [
                {
                  "description": "MemorySource<String>[memory]",
                  "start": null,
                  "end": {"rows":2}
                }
              ],
              "conf": {
                "stateStore": "InMemory"
              }
            }
            """.ReplaceLineEndings("\n"),
            File.ReadAllText(_dir.Combine("chk", "offsets", "0")).ReplaceLineEndings("\n"));
        Assert.Equal(
            """
            {
              "version": 1,
              "batchId": 0,
              "nextBatchWatermarkMs": -9223372036854775808
            }
            """.ReplaceLineEndings("\n"),
            File.ReadAllText(_dir.Combine("chk", "commits", "0")).ReplaceLineEndings("\n"));
        Assert.Equal(
            """
            {
              "version": 1,
              "operatorId": "aggregate0",
              "operatorName": "Aggregate(count by word)",
              "schemaFingerprint": "string->long",
              "keyType": "System.String",
              "valueType": "System.Int64"
            }
            """.ReplaceLineEndings("\n"),
            File.ReadAllText(_dir.Combine("chk", "state", "aggregate0", "_metadata")).ReplaceLineEndings("\n"));
    }
}
