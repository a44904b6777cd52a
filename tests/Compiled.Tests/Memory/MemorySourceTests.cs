using Compiled.Sources;
using static Compiled.Tests.TestSupport.SourceBatches;

namespace Compiled.Tests.Memory;

public sealed class MemorySourceTests
{
    [Fact]
    public void Offsets_are_row_counts_and_any_range_can_be_read_again()
    {
        var source = Source.Memory<int>();
        Assert.Null(source.LatestOffset(null, ReadLimit.Default));
        var afterTwo = source.AddData(1, 2);
        Assert.Equal("{\"rows\":2}", afterTwo.Json);
        source.AddData(3);
        var end = source.LatestOffset(afterTwo, ReadLimit.Default)!;
        Assert.Equal("{\"rows\":3}", end.Json);
        Assert.Same(end, source.LatestOffset(end, ReadLimit.Default));

        Assert.Equal([1, 2], ReadRows(source, null, afterTwo));
        Assert.Equal([3], ReadRows(source, afterTwo, end));
        Assert.Equal([3], ReadRows(source, new SourceOffset("{\"rows\":2}"), end));
        Assert.Equal(3, source.Count);
    }

    [Fact]
    public void Max_rows_per_trigger_bounds_a_batch_unless_everything_is_asked_for()
    {
        var source = Source.Memory<int>(maxRowsPerTrigger: 2);
        source.AddData(1, 2, 3, 4, 5);
        Assert.Equal("{\"rows\":2}", source.LatestOffset(null, ReadLimit.Default)!.Json);
        Assert.Equal("{\"rows\":4}", source.LatestOffset(new SourceOffset("{\"rows\":2}"), ReadLimit.Default)!.Json);
        Assert.Equal("{\"rows\":5}", source.LatestOffset(null, ReadLimit.All)!.Json);
    }

    [Fact]
    public void Available_now_freezes_the_end_at_what_is_present()
    {
        var source = Source.Memory<int>();
        source.AddData(1, 2);
        source.PrepareForAvailableNow();
        source.AddData(3);
        Assert.Equal("{\"rows\":2}", source.LatestOffset(null, ReadLimit.Default)!.Json);
    }

    [Fact]
    public void Concurrent_adds_lose_nothing()
    {
        var source = Source.Memory<int>();
        Parallel.For(0, 1000, i => source.AddData(i, i));
        Assert.Equal(2000, source.Count);
        var rows = ReadRows(source, null, source.LatestOffset(null, ReadLimit.All)!);
        Assert.Equal(Enumerable.Range(0, 1000).SelectMany(i => new[] { i, i }).Order(), rows.Order());
    }

    [Fact]
    public void A_range_beyond_the_rows_held_or_a_foreign_offset_is_a_clear_error()
    {
        var source = Source.Memory<int>("in");
        source.AddData(1);
        var beyond = Assert.Throws<InvalidOperationException>(() => ReadRows(source, null, new SourceOffset("{\"rows\":5}")));
        Assert.Contains("MemorySource<Int32>[in] cannot read rows (0, 5]", beyond.Message);
        var foreign = Assert.Throws<FormatException>(() => source.LatestOffset(new SourceOffset("{\"logOffset\":1}"), ReadLimit.Default));
        Assert.Contains("{\"logOffset\":1}", foreign.Message);
    }

    [Fact]
    public void Max_rows_per_trigger_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Source.Memory<int>(maxRowsPerTrigger: 0));
    }
}
