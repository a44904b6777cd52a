using Compiled.Sinks;
using Compiled.Sinks.Files;
using Compiled.Sources;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

/// <summary>
/// A file sink directory belongs to the query that first wrote it: another query, or the same query with a new
/// checkpoint, is refused naming the directory and the owner, instead of having its batch 0 dropped as a replay.
/// </summary>
public sealed class FileSinkOwnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private readonly MemorySource<int> _source = Source.Memory<int>();

    private async Task<StreamingQuery> Run(string checkpoint, string name, params int[] rows)
    {
        var source = _source;
        var query = StreamingQuery.Start(new MapPlan(name), [source], Sink.JsonFiles<string>(_dir.Combine("out")),
            new QueryOptions { CheckpointLocation = _dir.Combine(checkpoint) });
        source.AddData(rows);
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();
        return query;
    }

    [Theory]
    [InlineData("Other")]      // another query
    [InlineData("MapQuery")]   // the same query with a new checkpoint: a new query id
    public async Task A_new_checkpoint_writing_into_another_querys_output_is_refused_naming_the_directory_and_its_owner(string name)
    {
        var owner = await Run("chk1", "MapQuery", 1, 2);

        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => Run("chk2", name, 3));

        string output = _dir.Combine("out");
        Assert.Null(failure.BatchId);
        Assert.Contains($"output directory '{output}' already holds the output of query 'MapQuery' (id {owner.Id}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Write to a new output directory", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["v1", "v2"], FileSinkReader.ReadJsonLines<string>(output));
    }

    [Fact]
    public async Task The_owner_restarted_on_its_own_checkpoint_goes_on_writing()
    {
        await Run("chk", "MapQuery", 1);
        await Run("chk", "MapQuery", 2);

        Assert.Equal(["v1", "v2"], FileSinkReader.ReadJsonLines<string>(_dir.Combine("out")));
    }
}
