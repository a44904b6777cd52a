using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

public sealed class FileSourceRecoveryTests : IDisposable
{
    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FileSource<string> Open(FileSourceOptions? options = null, int compactInterval = 10)
    {
        var source = Source.TextFiles(_dir.Input, options);
        source.CompactInterval = compactInterval;
        source.Open(_dir.Context());
        return source;
    }

    [Fact]
    public void Offsets_are_log_indexes_and_each_entry_is_a_durable_file()
    {
        _dir.Write("a.txt", "a", 0);
        using var source = Open();
        var (_, end) = SourceBatches.NextBatch(source, null);

        Assert.Equal("{\"logOffset\":0}", end!.Json);
        Assert.Equal(["v1", "{\"name\":\"a.txt\",\"size\":1,\"modifiedMs\":1704067200000}"], File.ReadAllLines(Path.Combine(_dir.Checkpoint, "0")));
        Assert.Equal(["0"], Directory.GetFiles(_dir.Checkpoint).Select(p => Path.GetFileName(p)!));
    }

    [Fact]
    public void A_restarted_source_never_reads_a_file_twice()
    {
        _dir.Write("a.txt", "a", 0);
        _dir.Write("b.txt", "b", 1);
        SourceOffset? end;
        using (var first = Open())
        {
            (var rows, end) = SourceBatches.NextBatch(first, null);
            Assert.Equal(["a", "b"], rows);
            first.Commit(end!);
        }

        _dir.Write("c.txt", "c", 2);
        _dir.Write("early.txt", "early", -5);   // new, and older than everything read so far
        using var second = Open();
        var (again, end2) = SourceBatches.NextBatch(second, end);

        Assert.Equal(["early", "c"], again);
        Assert.Equal(end2, second.LatestOffset(end2, default));
    }

    [Fact]
    public void Replaying_a_planned_but_uncommitted_batch_reads_the_same_files()
    {
        _dir.Write("a.txt", "a", 0);
        SourceOffset end;
        using (var first = Open())
        {
            end = first.LatestOffset(null, default)!;
            SourceBatches.ReadRows(first, null, end);
            // crash: no commit
        }

        _dir.Write("b.txt", "b", 1);
        _dir.Write("early.txt", "early", -1);
        using var second = Open();

        Assert.Equal(["a"], SourceBatches.ReadRows(second, null, end));
        Assert.Equal(["early", "b"], SourceBatches.NextBatch(second, end).Rows);
    }

    [Fact]
    public void A_batch_planned_before_a_crash_but_never_logged_by_the_engine_is_offered_again_unchanged()
    {
        _dir.Write("a.txt", "a", 0);
        using (var first = Open(new FileSourceOptions { MaxFilesPerTrigger = 5 }))
        {
            Assert.Equal("{\"logOffset\":0}", first.LatestOffset(null, default)!.Json);
        }

        _dir.Write("b.txt", "b", 1);
        using var second = Open(new FileSourceOptions { MaxFilesPerTrigger = 5 });
        var (rows, end) = SourceBatches.NextBatch(second, null);

        Assert.Equal("{\"logOffset\":0}", end!.Json);
        Assert.Equal(["a"], rows);
        Assert.Equal(["b"], SourceBatches.NextBatch(second, end).Rows);
    }

    [Fact]
    public void Compaction_purges_committed_entries_and_a_restart_still_reads_nothing_twice()
    {
        SourceOffset? offset = null;
        using (var first = Open(compactInterval: 2))
        {
            for (int i = 0; i < 5; i++)
            {
                _dir.Write($"f{i}.txt", $"r{i}", i);
                var (rows, end) = SourceBatches.NextBatch(first, offset);
                Assert.Equal([$"r{i}"], rows);
                first.Commit(end!);
                offset = end;
            }
            // planned but uncommitted: must survive compaction
            _dir.Write("f5.txt", "r5", 5);
            offset = first.LatestOffset(offset, default);
        }

        var remaining = Directory.GetFiles(_dir.Checkpoint).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
        // Entries 0-3 were folded at commits 1 and 3; 4 waits for the next interval; 5 is uncommitted.
        Assert.Equal(["4", "5", "compact"], remaining);

        _dir.Write("f6.txt", "r6", 6);
        using var second = Open(compactInterval: 2);
        Assert.Equal(["r5"], SourceBatches.ReadRows(second, FileSourceOffsets.Of(4), offset!));
        Assert.Equal(["r6"], SourceBatches.NextBatch(second, offset).Rows);
    }

    [Fact]
    public void Aged_out_files_are_forgotten_by_compaction_but_still_not_read_again()
    {
        SourceOffset? offset = null;
        using (var first = Open(new FileSourceOptions { MaxFileAge = TimeSpan.FromDays(1) }, compactInterval: 1))
        {
            _dir.WriteAged("old.txt", "old", 0);
            _dir.WriteAged("new.txt", "new", 5);
            (_, offset) = SourceBatches.NextBatch(first, null);
            first.Commit(offset!);
        }
        var compact = File.ReadAllLines(Path.Combine(_dir.Checkpoint, "compact"));
        Assert.DoesNotContain(compact, l => l.Contains("old.txt"));
        Assert.Contains(compact, l => l.Contains("new.txt"));

        using var second = Open(new FileSourceOptions { MaxFileAge = TimeSpan.FromDays(1) }, compactInterval: 1);
        Assert.Equal(offset, second.LatestOffset(offset, default));
    }

    [Fact]
    public void Reading_an_entry_missing_from_the_checkpoint_is_a_clear_error()
    {
        using var source = Open();
        var error = Assert.Throws<InvalidOperationException>(() => SourceBatches.ReadRows(source, null, FileSourceOffsets.Of(3)));
        Assert.Equal($"FileSource[{_dir.Input}]: batch log entry 0 is missing from '{_dir.Checkpoint}' (offsets none to {{\"logOffset\":3}}); the checkpoint does not match this source.", error.Message);
    }

    [Fact]
    public void An_input_file_removed_before_its_batch_is_read_is_a_clear_error()
    {
        string path = _dir.Write("a.txt", "a", 0);
        using var source = Open();
        var end = source.LatestOffset(null, default)!;
        File.Delete(path);

        var error = Assert.Throws<FileNotFoundException>(() => SourceBatches.ReadRows(source, null, end));
        Assert.StartsWith($"FileSource[{_dir.Input}]: input file '{path}' of batch log entry 0 cannot be read: it no longer exists", error.Message);
    }

    [Fact]
    public void A_corrupt_log_entry_is_reported_with_its_path()
    {
        Directory.CreateDirectory(_dir.Checkpoint);
        File.WriteAllText(Path.Combine(_dir.Checkpoint, "0"), "v1\n{\"name\":\"a.txt\"}\n");
        using var source = Source.TextFiles(_dir.Input);

        var error = Assert.Throws<InvalidDataException>(() => source.Open(_dir.Context()));
        Assert.StartsWith($"File source log '{Path.Combine(_dir.Checkpoint, "0")}' is corrupt at line 2:", error.Message);
    }

    [Fact]
    public void A_malformed_offset_is_rejected()
    {
        using var source = Open();
        var error = Assert.Throws<FormatException>(() => source.LatestOffset(new SourceOffset("{\"offset\":1}"), default));
        Assert.Equal($"FileSource[{_dir.Input}]: offset '{{\"offset\":1}}' is not a file source offset; expected {{\"logOffset\":N}} with N >= 0.", error.Message);
    }
}
