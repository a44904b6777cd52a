using Compiled.Plans;

namespace Compiled.Tests.Plans;

public sealed class BatchInputsTests
{
    [Fact]
    public void Lent_rows_are_read_without_copying_and_forgotten_at_clear()
    {
        var inputs = new BatchInputs(2);
        long[] rows = [1, 2, 3];
        inputs.Lend<long>(0, rows);
        inputs.GetBuffer<string>(1).Add("a");

        Assert.True(inputs.Get<long>(0).Overlaps(rows));
        Assert.Equal(["a"], inputs.Get<string>(1).ToArray());

        inputs.Clear();
        inputs.GetBuffer<long>(0).Add(7);
        Assert.Equal([7L], inputs.Get<long>(0).ToArray());
        Assert.Equal(0, inputs.Get<string>(1).Length);
        inputs.Release();
    }

    [Fact]
    public void Lending_again_reuses_the_slot()
    {
        var inputs = new BatchInputs(1);
        inputs.Lend<int>(0, new[] { 1 });
        inputs.Clear();
        ReadOnlyMemory<int> next = new[] { 4, 5 }.AsMemory(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        inputs.Lend(0, next);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([5], inputs.Get<int>(0).ToArray());
        Assert.Equal(0, allocated);
        inputs.Release();
    }
}
