using System.Text;
using Compiled.Checkpointing;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Checkpointing;

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
    public void Syncing_a_missing_directory_fails_with_its_name()
    {
        if (!OperatingSystem.IsLinux()) return;
        string missing = _dir.Combine("missing");
        var e = Assert.Throws<IOException>(() => DurableFile.SyncDirectory(missing));
        Assert.Contains(missing, e.Message);
    }
}
