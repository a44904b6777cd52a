using Compiled.Checkpointing;
using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.IO;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Checkpointing;

/// <summary>
/// A checkpoint the run cannot write (a read-only mount, a <c>lock</c> that is a directory): the start fails with a
/// <see cref="CheckpointException"/> naming the path and the cause, never "in use by another run" and never a raw
/// I/O exception.
/// </summary>
public sealed class ReadOnlyCheckpointTests
{
    private static QueryOptions Options(string checkpoint) => new()
    {
        CheckpointLocation = checkpoint,
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
    };

    [Fact]
    public async Task An_existing_checkpoint_on_a_read_only_mount_is_refused_as_read_only_not_as_in_use()
    {
        using var mount = new TmpfsMount(8 << 20);
        string checkpoint = mount.Combine("chk");
        var source = Source.Memory<string>();
        var sink = Sink.Memory<(string Key, long Count)>();
        var query = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options(checkpoint));
        source.AddData("a", "b", "a");
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        mount.Remount(readOnly: true);
        var refused = Assert.Throws<CheckpointException>(() => StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options(checkpoint)));

        Assert.Equal(Path.Combine(checkpoint, "lock"), refused.Path);
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("in use", refused.Message, StringComparison.Ordinal);

        // Writable again: the same checkpoint resumes with its state.
        mount.Remount(readOnly: false);
        await using var resumed = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options(checkpoint));
        source.AddData("a");
        await resumed.ProcessAllAvailableAsync().Bounded();
        Assert.Contains(("a", 3L), sink.Rows);
    }

    [Fact]
    public void A_new_checkpoint_on_a_read_only_mount_is_refused_naming_it()
    {
        using var mount = new TmpfsMount(1 << 20);
        mount.Remount(readOnly: true);
        string checkpoint = mount.Combine("chk");

        var refused = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new KeyedCountPlan(), [Source.Memory<string>()], Sink.Memory<(string Key, long Count)>(), Options(checkpoint)));

        Assert.Equal(checkpoint, refused.Path);
        Assert.Contains(checkpoint, refused.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_that_is_a_directory_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        string checkpoint = dir.Combine("chk");
        Directory.CreateDirectory(Path.Combine(checkpoint, "lock"));

        var refused = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new MapPlan(), [Source.Memory<int>()], Sink.Memory<string>(), new QueryOptions { CheckpointLocation = checkpoint }));

        Assert.Equal(Path.Combine(checkpoint, "lock"), refused.Path);
        Assert.Contains("is a directory", refused.Message, StringComparison.Ordinal);
    }
}
