using Compiled.IO;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.IO;

public sealed class VersionedJsonLinesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static InvalidDataException Corrupt(int line, string detail) => new($"line {line}: {detail}");

    private (int Last, List<(int Line, long N)> Objects) Read(string text)
    {
        string path = _dir.Combine("meta");
        File.WriteAllText(path, text);
        var objects = new List<(int, long)>();
        int last = VersionedJsonLines.Read(path, "v1", Corrupt, (root, line) => objects.Add((line, root.GetProperty("n").GetInt64())));
        return (last, objects);
    }

    [Fact]
    public void Passes_each_object_with_its_line_number_and_skips_blank_lines()
    {
        var (last, objects) = Read("v1\n{\"n\":1}\n\n{\"n\":2}\n");
        Assert.Equal([(2, 1L), (4, 2L)], objects);
        Assert.Equal(4, last);
        Assert.Equal(1, Read("v1\n").Last);
    }

    [Theory]
    [InlineData("", "line 1: empty file")]
    [InlineData("v2\n{\"n\":1}\n", "line 1: expected 'v1'")]
    [InlineData("v1\n{\"n\":1}\n{\"n\":", "line 3: ")]
    [InlineData("v1\n{\"m\":1}\n", "line 2: ")]
    [InlineData("v1\n{\"n\":\"x\"}\n", "line 2: ")]
    public void Reports_a_bad_file_with_the_line_at_fault(string text, string expectedStart)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(text));
        Assert.StartsWith(expectedStart, e.Message);
    }

    [Fact]
    public void Exceptions_the_reader_throws_itself_pass_through()
    {
        string path = _dir.Combine("meta");
        File.WriteAllText(path, "v1\n{}\n");
        var e = Assert.Throws<InvalidDataException>(() =>
            VersionedJsonLines.Read(path, "v1", Corrupt, (_, line) => throw new InvalidDataException($"mine at {line}")));
        Assert.Equal("mine at 2", e.Message);
    }
}
