namespace Compiled.Tests.ForeachBatch;

public sealed class ForeachBatchSinkTests
{
    [Fact]
    public void The_span_callback_receives_each_batch_id_and_its_rows()
    {
        var seen = new List<(long Id, int[] Rows)>();
        using var sink = Sink.ForeachBatch<int>((ReadOnlySpan<int> rows, long id) => seen.Add((id, rows.ToArray())));

        sink.AddBatch(0, new[] { 1, 2 });
        sink.AddBatch(1, ReadOnlySpan<int>.Empty);
        sink.AddBatch(2, new[] { 3 });

        Assert.Equal([0L, 1L, 2L], seen.Select(s => s.Id));
        Assert.Equal([1, 2], seen[0].Rows);
        Assert.Empty(seen[1].Rows);
        Assert.Equal([3], seen[2].Rows);
    }

    [Fact]
    public void The_list_callback_gets_a_copy_that_outlives_the_batch_buffer()
    {
        IReadOnlyList<string>? kept = null;
        long keptId = -1;
        using var sink = Sink.ForeachBatch<string>((IReadOnlyList<string> rows, long id) => (kept, keptId) = (rows, id));

        var buffer = new[] { "a", "b" };
        sink.AddBatch(4, buffer);
        buffer[0] = "overwritten by the next batch";

        Assert.Equal(4, keptId);
        Assert.Equal(["a", "b"], kept);
    }

    [Fact]
    public void A_replayed_batch_arrives_with_the_same_id_so_an_idempotent_callback_skips_it()
    {
        // The documented pattern: remember the last batch id written, alongside the rows.
        var table = new List<int>();
        long lastWritten = -1;
        using var sink = Sink.ForeachBatch<int>((ReadOnlySpan<int> rows, long id) =>
        {
            if (id <= lastWritten) return;
            foreach (int row in rows) table.Add(row);
            lastWritten = id;
        });

        sink.AddBatch(0, new[] { 1, 2 });
        sink.AddBatch(0, new[] { 1, 2 });   // replay after a crash between sink write and commit
        sink.AddBatch(1, new[] { 3 });

        Assert.Equal([1, 2, 3], table);
    }

    [Fact]
    public void Untyped_lambdas_bind_without_ambiguity()
    {
        int total = 0;
        // Fits both overloads: the span one wins (priority), so nothing is copied.
        using var both = Sink.ForeachBatch<int>((rows, id) => { foreach (int r in rows) total += r; });
        // Only the list overload fits (LINQ).
        using var list = Sink.ForeachBatch<int>((rows, id) => total += rows.Sum());

        both.AddBatch(0, new[] { 1, 2 });
        list.AddBatch(0, new[] { 10 });
        Assert.Equal(13, total);
    }

    [Fact]
    public void Callback_exceptions_propagate_and_every_mode_is_supported()
    {
        using var sink = Sink.ForeachBatch<int>((ReadOnlySpan<int> _, long id) => throw new InvalidOperationException($"batch {id} failed"));
        var ex = Assert.Throws<InvalidOperationException>(() => sink.AddBatch(9, new[] { 1 }));
        Assert.Equal("batch 9 failed", ex.Message);
        Assert.Equal([OutputMode.Append, OutputMode.Update, OutputMode.Complete], sink.SupportedModes);
        Assert.Throws<ArgumentNullException>(() => Sink.ForeachBatch<int>((Compiled.Sinks.ForeachBatchAction<int>)null!));
    }
}
