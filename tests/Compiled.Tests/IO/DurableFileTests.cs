using System.Text;
using Compiled.IO;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.IO;

public sealed class DurableFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_creates_the_file_and_leaves_no_temporary_behind()
    {
        string path = _dir.Combine("entry");
        Assert.True(DurableFile.Write(path, "hello"u8, overwrite: false));
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal(["entry"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_without_overwrite_keeps_an_existing_file()
    {
        string path = _dir.Combine("entry");
        DurableFile.Write(path, "first"u8, overwrite: false);
        Assert.False(DurableFile.Write(path, "second"u8, overwrite: false));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Write_with_overwrite_replaces_the_file()
    {
        string path = _dir.Combine("entry");
        DurableFile.Write(path, "first"u8, overwrite: true);
        Assert.True(DurableFile.Write(path, Encoding.UTF8.GetBytes("second"), overwrite: true));
        Assert.Equal("second", File.ReadAllText(path));
    }

    [Fact]
    public void Leftover_temporaries_are_deleted_and_never_read_as_entries()
    {
        File.WriteAllText(_dir.Combine(DurableFile.TempPrefix + "3-abc"), "{ half");
        File.WriteAllText(_dir.Combine("2"), "x");
        DurableFile.DeleteLeftovers(_dir.Path);
        Assert.Equal(["2"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_replaces_the_file_with_utf8_without_a_byte_order_mark()
    {
        string path = _dir.Combine("log");
        DurableFile.WriteAllText(path, "old");
        DurableFile.WriteAllText(path, "v1\né");
        Assert.Equal("v1\né"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(["log"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_streamed_temporary_is_hidden_deleted_as_a_leftover_and_published_by_rename()
    {
        string path = _dir.Combine("part-00001-x.jsonl");
        string temp = DurableFile.TempPathFor(path);
        // Readers of sink output and input directories skip names starting with '.'.
        Assert.StartsWith(DurableFile.TempPrefix + "part-00001-x.jsonl", Path.GetFileName(temp));
        Assert.StartsWith(".", DurableFile.TempPrefix);

        File.WriteAllText(temp, "rows");
        DurableFile.Publish(temp, path, overwrite: false);
        Assert.Equal("rows", File.ReadAllText(path));
        Assert.False(File.Exists(temp));

        File.WriteAllText(temp, "half");
        Assert.Throws<IOException>(() => DurableFile.Publish(temp, path, overwrite: false));
        DurableFile.DeleteLeftovers(_dir.Path);
        Assert.Equal(["part-00001-x.jsonl"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        Assert.Equal("rows", File.ReadAllText(path));
    }

    [Fact]
    public void Syncing_a_missing_directory_fails_with_its_name()
    {
        if (!OperatingSystem.IsLinux()) return;
        string missing = _dir.Combine("missing");
        var e = Assert.Throws<IOException>(() => DurableFile.SyncDirectory(missing));
        Assert.Contains(missing, e.Message);
    }
}
