using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Files;

public sealed class CleanSourceTests : IDisposable
{
    private readonly FileTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Archive => Path.Combine(_dir.Root, "archive");

    private static string[] Names(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray() : [];

    [Fact]
    public void Delete_removes_files_of_committed_batches_only()
    {
        _dir.Write("a.txt", "a", 0);
        _dir.Write("b.txt", "b", 1);
        using var source = Source.TextFiles(_dir.Input, new FileSourceOptions { CleanSource = CleanSourceMode.Delete, MaxFilesPerTrigger = 1 });
        source.Open(_dir.Context());
        var (_, end0) = SourceBatches.NextBatch(source, null);
        var (_, end1) = SourceBatches.NextBatch(source, end0);

        source.Commit(end0!);

        Assert.Equal(["b.txt"], Names(_dir.Input));
        source.Commit(end1!);
        Assert.Empty(Names(_dir.Input));
    }

    [Fact]
    public void Archive_moves_committed_files_keeping_their_relative_path()
    {
        _dir.Write("a.txt", "a", 0);
        _dir.Write(".hidden", "h", 0);
        using var source = Source.TextFiles(_dir.Input, new FileSourceOptions { CleanSource = CleanSourceMode.Archive, SourceArchiveDir = Archive });
        source.Open(_dir.Context());
        var (_, end) = SourceBatches.NextBatch(source, null);

        source.Commit(end!);

        Assert.Equal([".hidden"], Names(_dir.Input));
        Assert.Equal(["a.txt"], Names(Archive));
        Assert.Equal("a", File.ReadAllText(Path.Combine(Archive, "a.txt")));
    }

    [Fact]
    public void A_restart_cleans_files_of_batches_committed_before_the_crash()
    {
        _dir.Write("a.txt", "a", 0);
        SourceOffset? end;
        var options = new FileSourceOptions { CleanSource = CleanSourceMode.Delete };
        using (var first = Source.TextFiles(_dir.Input, options))
        {
            first.Open(_dir.Context());
            (_, end) = SourceBatches.NextBatch(first, null);
            // crash after the engine committed the batch but before the source cleaned up
        }

        _dir.Write("b.txt", "b", 1);
        using var second = Source.TextFiles(_dir.Input, options);
        second.Open(_dir.Context());
        var (rows, end1) = SourceBatches.NextBatch(second, end);
        second.Commit(end1!);

        Assert.Equal(["b"], rows);
        Assert.Empty(Names(_dir.Input));
    }

    [Fact]
    public void An_archived_name_that_already_exists_stays_in_place_and_is_not_read_again()
    {
        Directory.CreateDirectory(Archive);
        File.WriteAllText(Path.Combine(Archive, "a.txt"), "older");
        _dir.Write("a.txt", "a", 0);
        using var source = Source.TextFiles(_dir.Input, new FileSourceOptions { CleanSource = CleanSourceMode.Archive, SourceArchiveDir = Archive });
        source.Open(_dir.Context());
        var (_, end) = SourceBatches.NextBatch(source, null);

        source.Commit(end!);

        Assert.Equal(["a.txt"], Names(_dir.Input));
        Assert.Equal("older", File.ReadAllText(Path.Combine(Archive, "a.txt")));
        Assert.Equal(end, source.LatestOffset(end, default));
    }

    [Fact]
    public void Archive_requires_a_directory_outside_the_source()
    {
        var missing = Assert.Throws<ArgumentException>(() =>
            Source.TextFiles(_dir.Input, new FileSourceOptions { CleanSource = CleanSourceMode.Archive }));
        Assert.Equal($"FileSourceOptions of file source '{_dir.Input}': CleanSource = Archive requires SourceArchiveDir.", missing.Message);

        string inside = Path.Combine(_dir.Input, "archived");
        var nested = Assert.Throws<ArgumentException>(() =>
            Source.TextFiles(_dir.Input, new FileSourceOptions { CleanSource = CleanSourceMode.Archive, SourceArchiveDir = inside }));
        Assert.Equal($"FileSourceOptions of file source '{_dir.Input}': SourceArchiveDir '{inside}' must not be the source directory or inside it, or archived files would be read again.", nested.Message);

        var same = Assert.Throws<ArgumentException>(() =>
            Source.TextFiles(_dir.Input, new FileSourceOptions { CleanSource = CleanSourceMode.Archive, SourceArchiveDir = _dir.Input + "/" }));
        Assert.Contains("must not be the source directory or inside it", same.Message);

        var sibling = Source.TextFiles(_dir.Input, new FileSourceOptions { CleanSource = CleanSourceMode.Archive, SourceArchiveDir = _dir.Input + "-archive" });
        Assert.Equal(CleanSourceMode.Archive, sibling.Options.CleanSource);
    }
}
