using Compiled.State.Faster;

namespace Compiled.Tests.State;

/// <summary>How a memory budget is split between FASTER's index and its in-memory log.</summary>
public sealed class FasterStoreLayoutTests
{
    [Theory]
    [InlineData(1L << 20)]
    [InlineData(3L << 20)]
    [InlineData(64L << 20)]
    [InlineData(100_000_000L)]
    [InlineData(8L << 30)]
    public void Index_and_usable_log_fit_the_budget_and_use_most_of_it(long budget)
    {
        FasterStoreLayout layout = FasterStoreLayout.FromBudget(budget);
        Assert.True(layout.IndexBytes + layout.LogMemoryBytes <= budget);
        Assert.True(layout.LogMemoryBytes >= budget / 2, $"only {layout.LogMemoryBytes} of {budget} bytes for the log");
        Assert.True(layout.MemorySizeBits - layout.PageSizeBits >= 2, "FASTER needs several pages in memory");
        Assert.True(layout.SegmentSizeBits >= layout.PageSizeBits);
    }

    [Fact]
    public void The_default_budget_gives_a_16_MiB_index_and_a_48_MiB_log_of_4_MiB_pages()
    {
        FasterStoreLayout layout = FasterStoreLayout.FromBudget(64L << 20);
        Assert.Equal(16L << 20, layout.IndexBytes);
        Assert.Equal(48L << 20, layout.LogMemoryBytes);
        Assert.Equal(4L << 20, layout.PageBytes);
    }
}
