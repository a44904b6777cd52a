using Compiled.Sources;
using Compiled.Sources.Rate;
using Compiled.Sources.TextSocket;

namespace Compiled.Tests.Sources;

public sealed class OffsetJsonTests
{
    [Fact]
    public void Reads_one_or_two_integer_properties_of_an_object()
    {
        Assert.True(OffsetJson.TryRead(new SourceOffset("{\"lines\":7}"), "lines", out long lines));
        Assert.Equal(7, lines);
        Assert.True(OffsetJson.TryRead(new SourceOffset("{\"value\":-2,\"second\":3}"), "second", out long s, "value", out long v));
        Assert.Equal((3L, -2L), (s, v));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("{\"lines\":\"7\"}")]
    [InlineData("{\"lines\":7.5}")]
    [InlineData("{\"rows\":7}")]
    public void Rejects_other_shapes(string json)
    {
        Assert.False(OffsetJson.TryRead(new SourceOffset(json), "lines", out _));
        Assert.False(OffsetJson.TryRead(new SourceOffset(json), "lines", out _, "rows", out _));
    }

    [Fact]
    public void Both_properties_are_required()
    {
        Assert.False(OffsetJson.TryRead(new SourceOffset("{\"second\":3}"), "second", out _, "value", out _));
    }

    [Fact]
    public void Socket_and_rate_micro_batch_offsets_name_their_source_when_out_of_range_or_foreign()
    {
        var bad = Assert.Throws<FormatException>(() => SocketOffset.Parse(new SourceOffset("{\"lines\":-1}")));
        Assert.StartsWith("Socket source: offset '{\"lines\":-1}' is not a socket offset", bad.Message);
        Assert.Equal(4, SocketOffset.Parse(new SourceOffset("{\"lines\":4}")));

        bad = Assert.Throws<FormatException>(() => RateMicroBatchOffset.Parse(new SourceOffset("{\"offset\":-1,\"timestamp\":0}"), 0));
        Assert.StartsWith("Rate-micro-batch source: offset '{\"offset\":-1,\"timestamp\":0}'", bad.Message);
        Assert.Throws<FormatException>(() => RateMicroBatchOffset.Parse(new SourceOffset("{\"offset\":1}"), 0));
        Assert.Equal(new RateMicroBatchOffset(2, -5), RateMicroBatchOffset.Parse(new SourceOffset("{\"offset\":2,\"timestamp\":-5}"), 0));
    }
}
