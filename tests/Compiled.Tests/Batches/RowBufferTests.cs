using Compiled.Batches;

namespace Compiled.Tests.Batches;

public sealed class RowBufferTests
{
    [Fact]
    public void Append_span_grows_to_the_requested_length_and_keeps_earlier_rows()
    {
        using var buffer = BatchPool.Rent<long>(capacity: 4);
        buffer.Add(7);
        buffer.Add(8);

        var span = buffer.GetAppendSpan(100);
        Assert.True(span.Length >= 100);
        for (int i = 0; i < 3; i++) span[i] = i * 10;
        buffer.Advance(3);

        Assert.Equal(new long[] { 7, 8, 0, 10, 20 }, buffer.Span.ToArray());
    }

    [Fact]
    public void Writing_fewer_rows_than_reserved_counts_only_the_written_ones_and_Add_continues_after_them()
    {
        using var buffer = BatchPool.Rent<string>(capacity: 16);
        var span = buffer.GetAppendSpan(10);
        span[0] = "a";
        span[1] = "b";
        buffer.Advance(2);
        buffer.Add("c");

        Assert.Equal(new[] { "a", "b", "c" }, buffer.Span.ToArray());
        Assert.Equal(3, buffer.Count);
    }

    [Fact]
    public void Matches_Add_over_many_batches_with_a_random_filter()
    {
        var random = new Random(42);
        using var viaSpan = BatchPool.Rent<int>(capacity: 1);
        using var viaAdd = BatchPool.Rent<int>(capacity: 1);
        for (int batch = 0; batch < 50; batch++)
        {
            viaSpan.Clear();
            viaAdd.Clear();
            int[] input = Enumerable.Range(0, random.Next(0, 3000)).Select(_ => random.Next(1000)).ToArray();
            var dst = viaSpan.GetAppendSpan(input.Length);
            int n = 0;
            foreach (int x in input)
            {
                if (x % 3 == 0) continue;
                dst[n++] = x * 2;
                viaAdd.Add(x * 2);
            }
            viaSpan.Advance(n);
            Assert.Equal(viaAdd.Span.ToArray(), viaSpan.Span.ToArray());
        }
    }

    [Fact]
    public void Rejects_a_negative_length_and_advancing_past_the_free_space()
    {
        using var buffer = BatchPool.Rent<int>(capacity: 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.GetAppendSpan(-1));
        int free = buffer.GetAppendSpan(0).Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(free + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(-1));
        Assert.Equal(0, buffer.Count);

        buffer.Advance(free);
        Assert.Equal(free, buffer.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(1));
    }
}
