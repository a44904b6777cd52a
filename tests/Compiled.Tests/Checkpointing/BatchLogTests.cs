using Compiled.Checkpointing;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Checkpointing;

public sealed class BatchLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private BatchLog<CommitLogEntry> Log() =>
        new(_dir.Combine("commits"), CheckpointJsonContext.Checkpoint.CommitLogEntry, "Q", CommitLogEntry.CurrentVersion);

    private static CommitLogEntry Entry(long id) => new() { Version = 1, BatchId = id, NextBatchWatermarkMs = id * 10 };

    [Fact]
    public void Entries_round_trip_and_ids_are_listed_in_numeric_order_ignoring_other_names()
    {
        var log = Log();
        foreach (long id in new long[] { 10, 2, 9 }) log.Write(Entry(id));
        File.WriteAllText(Path.Combine(log.Directory, "notes.txt"), "");
        File.WriteAllText(Path.Combine(log.Directory, "-1"), "");

        Assert.Equal([2L, 9L, 10L], log.BatchIds());
        Assert.Equal(10, log.Latest());
        Assert.Equal(Entry(9), log.Read(9));
    }

    [Fact]
    public void An_existing_entry_is_never_replaced()
    {
        var log = Log();
        log.Write(Entry(1));
        var e = Assert.Throws<CheckpointException>(() => log.Write(Entry(1) with { NextBatchWatermarkMs = 99 }));
        Assert.Contains("already exists", e.Message);
        Assert.Equal(10, log.Read(1).NextBatchWatermarkMs);
    }

    [Fact]
    public void Purge_deletes_only_older_entries()
    {
        var log = Log();
        for (long id = 0; id < 5; id++) log.Write(Entry(id));
        log.PurgeBefore(3);
        Assert.Equal([3L, 4L], log.BatchIds());
    }

    [Fact]
    public void An_entry_of_an_unknown_format_version_is_refused()
    {
        var log = Log();
        log.Write(Entry(0));
        string path = log.PathOf(0);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"version\": 1", "\"version\": 9"));
        var e = Assert.Throws<CheckpointException>(() => log.Read(0));
        Assert.Contains("format version 9", e.Message);
    }

    [Fact]
    public void A_missing_entry_is_an_error_naming_it()
    {
        var e = Assert.Throws<CheckpointException>(() => Log().Read(4));
        Assert.EndsWith(Path.Combine("commits", "4"), e.Path);
    }
}
